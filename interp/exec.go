package interp

import (
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/grammar"
)

// Statements: blocks, assignments, control flow, functions and classes. Control flow follows the
// values kexplain knows; a condition or an iterable it does not know skips its block, with a note.

type ctl int

const (
	ctlNext ctl = iota
	ctlBreak
	ctlContinue
	ctlReturn
)

// frame is one running function (or the module): its scope and the value it returns.
type frame struct {
	sc  *scope
	ret any
}

func (in *interpreter) runTop(stmts []*grammar.Stmt) {
	fr := &frame{sc: in.globals}
	in.exec(fr, stmts)
}

// exec runs a block.
func (in *interpreter) exec(fr *frame, stmts []*grammar.Stmt) ctl {
	in.nesting++
	defer func() { in.nesting-- }()
	if in.nesting > maxNesting && len(stmts) > 0 {
		in.skipNote(stmts[0].Line, stmts[0].Col, "blocks nested more than 64 deep (kexplain's budget): this block is not run")
		return ctlNext
	}
	for i, s := range stmts {
		if in.stopped {
			return ctlReturn
		}
		if !in.spend(1, s.Line, s.Col) {
			return ctlReturn
		}
		if i > 0 {
			if l, ok := in.elisionBetween(stmts[i-1].Line, s.Line); ok {
				in.elided(fr, l, 1)
			}
		}
		if len(stmts) > 1 && s.Kind == grammar.StmtExpr && s.Value != nil && s.Value.Kind == grammar.ExprEllipsis {
			in.elided(fr, s.Line, s.Col)
			continue
		}
		if c := in.stmt(fr, s); c != ctlNext {
			return c
		}
	}
	return ctlNext
}

func (in *interpreter) stmt(fr *frame, s *grammar.Stmt) ctl {
	switch s.Kind {
	case grammar.StmtOther:
		in.otherNote(s)
	case grammar.StmtImport:
		in.importStmt(fr, s)
	case grammar.StmtAssign:
		v := in.eval(fr, s.Value)
		for _, t := range s.Targets {
			in.assignList(fr, t, v)
		}
	case grammar.StmtAugAssign:
		in.augAssign(fr, s)
	case grammar.StmtAnnAssign:
		if s.Value != nil {
			in.assign(fr, s.Targets[0][0], in.eval(fr, s.Value))
		}
	case grammar.StmtExpr:
		in.eval(fr, s.Value)
	case grammar.StmtDef:
		in.setVar(fr, s.Name, in.defFunc(fr, s))
	case grammar.StmtClass:
		in.setVar(fr, s.Name, in.defClass(fr, s))
	case grammar.StmtIf:
		return in.ifStmt(fr, s)
	case grammar.StmtWhile:
		return in.whileStmt(fr, s)
	case grammar.StmtFor:
		return in.forStmt(fr, s)
	case grammar.StmtReturn:
		fr.ret = noneVal{}
		if s.Value != nil {
			fr.ret = in.eval(fr, s.Value)
		}
		return ctlReturn
	case grammar.StmtBreak:
		return ctlBreak
	case grammar.StmtContinue:
		return ctlContinue
	case grammar.StmtWith:
		in.eval(fr, s.Value)
		if len(s.Targets) > 0 {
			for _, t := range s.Targets[0] {
				in.assign(fr, t, in.unknown(s.Value, "the value of a with statement is not known"))
			}
		}
		return in.exec(fr, s.Body)
	case grammar.StmtTry:
		// the body runs as written; kexplain raises nothing, so no handler runs
		if c := in.exec(fr, s.Body); c != ctlNext {
			in.exec(fr, s.Final)
			return c
		}
		if c := in.exec(fr, s.Else); c != ctlNext {
			return c
		}
		return in.exec(fr, s.Final)
	case grammar.StmtDel:
		for _, t := range s.Targets[0] {
			if t.Kind == grammar.ExprName {
				delete(fr.sc.vars, t.Name)
			}
		}
	case grammar.StmtGlobal:
		if fr.sc.globals == nil {
			fr.sc.globals = map[string]bool{}
		}
		for _, n := range s.Names() {
			fr.sc.globals[n] = true
		}
	case grammar.StmtRaise:
		what := "raise"
		if s.Value != nil {
			what = "raise " + s.Value.String()
		}
		in.skipNote(s.Line, s.Col, what+": the code raises an error here, so what follows in this block does not run")
		fr.ret = unknownVal{c: &cause{line: s.Line, col: s.Col, what: what, why: "the code raised an error"}}
		return ctlReturn
	}
	return ctlNext
}

// otherNote says that a line was not read, once.
func (in *interpreter) otherNote(s *grammar.Stmt) {
	if s.Err != nil && in.lexErrs[s.Err] {
		return // a broken bracket or string: the code's own warning says where
	}
	text := s.Text
	if len(text) > 50 {
		cut := 47
		for cut > 0 && text[cut]&0xC0 == 0x80 {
			cut--
		}
		text = text[:cut] + "…"
	}
	why := "not read as Python"
	if s.Err != nil && s.Err.Msg != "" {
		why = "not read (" + s.Err.Msg + ")"
	}
	if strings.Contains(s.Text, "(") {
		// it may call something (model.add with a comma missing): code not run
		in.skipNote(s.Line, s.Col, text+": "+why+", skipped")
		return
	}
	in.note(s.Line, s.Col, text+": "+why+", skipped")
}

func (in *interpreter) importStmt(fr *frame, s *grammar.Stmt) {
	for _, im := range s.Imports() {
		name := im.As
		path := im.Name
		if s.From() != "" {
			path = s.From() + "." + im.Name
		}
		if name == "" {
			name = im.Name
			if s.From() == "" {
				name = strings.SplitN(im.Name, ".", 2)[0]
				path = name
			}
		}
		if name == "*" {
			continue
		}
		if v, ok := fr.sc.vars[name]; ok && ownDefinition(v) && !libraryModule(path) {
			// the paste defines this name itself (def or class) and imports it from a module of
			// the user's own, as a doctest or a usage example does: that module is the code in
			// the paste, whose definition kexplain has, so the import leaves it bound
			continue
		}
		in.setVar(fr, name, symVal(strings.TrimLeft(path, ".")))
	}
}

// ownDefinition reports a function or class the paste defines.
func ownDefinition(v any) bool {
	switch v.(type) {
	case *funcVal, *classVal:
		return true
	}
	return false
}

// libraryModule reports a module path of Keras or TensorFlow, whose source no paste holds: what
// it imports is the library's, whatever the paste defines.
func libraryModule(path string) bool {
	root := path
	if i := strings.IndexByte(root, '.'); i >= 0 {
		root = root[:i]
	}
	switch root {
	case "keras", "tensorflow", "tf_keras":
		return true
	}
	return false
}

// setVar binds a name in the running scope (or the module's, for a name declared global).
func (in *interpreter) setVar(fr *frame, name string, v any) {
	if fr.sc.globals[name] {
		in.globals.vars[name] = v
		return
	}
	fr.sc.vars[name] = v
}

func (in *interpreter) defFunc(fr *frame, s *grammar.Stmt) *funcVal {
	f := &funcVal{name: s.Name, params: s.Params(), body: s.Body, closure: fr.sc, line: s.Line}
	f.defaults = make([]any, len(s.Params()))
	for i, p := range s.Params() {
		if p.Default != nil {
			f.defaults[i] = in.eval(fr, p.Default)
		}
	}
	return f
}

// ---- control flow ----

func (in *interpreter) ifStmt(fr *frame, s *grammar.Stmt) ctl {
	cond := in.eval(fr, s.Value)
	switch truth(cond) {
	case 1:
		return in.exec(fr, s.Body)
	case 0:
		return in.exec(fr, s.Else)
	}
	what := "if " + s.Value.String()
	if s.Name == "elif" {
		what = "elif " + s.Value.String()
	}
	skipped := "body skipped"
	if len(s.Else) > 0 {
		skipped = "no branch run"
	}
	in.skipNote(s.Line, s.Col, what+": condition unknown"+in.because(cond, s.Line)+", "+skipped)
	in.skipEffects(fr, s, s.Body, 0)
	in.skipEffects(fr, s, s.Else, 0)
	return ctlNext
}

// keepsShape are the layers that leave their input's shape as it is: a block kexplain did not run
// that only applies these (if use_bn: x = BatchNormalization()(x)) changes no shape after it.
var keepsShape = map[string]bool{"BatchNormalization": true, "LayerNormalization": true, "GroupNormalization": true,
	"UnitNormalization": true, "Dropout": true, "SpatialDropout1D": true, "SpatialDropout2D": true, "SpatialDropout3D": true,
	"GaussianNoise": true, "GaussianDropout": true, "AlphaDropout": true, "Activation": true, "ReLU": true,
	"LeakyReLU": true, "PReLU": true, "ELU": true, "Softmax": true, "ThresholdedReLU": true, "Masking": true,
	"ActivityRegularization": true, "Identity": true, "Rescaling": true, "RandomFlip": true, "RandomRotation": true,
	"RandomZoom": true, "RandomContrast": true, "RandomBrightness": true, "RandomTranslation": true}

// keepsShapeCall reports a layer made and applied in one expression that keeps the shape of the
// name it is applied to: BatchNormalization()(x) applied to x.
func keepsShapeCall(v *grammar.Expr, name string) bool {
	if v == nil || v.Kind != grammar.ExprCall || len(v.Items) != 1 || v.Items[0].Kind != grammar.ExprName ||
		v.Items[0].Name != name || v.X.Kind != grammar.ExprCall {
		return false
	}
	return keepsShapeCtor(v.X)
}

// keepsShapeCtor reports a constructor call of a layer that keeps its input's shape.
func keepsShapeCtor(c *grammar.Expr) bool {
	if c == nil || c.Kind != grammar.ExprCall {
		return false
	}
	d := c.X.Dotted()
	return keepsShape[d[strings.LastIndexByte(d, '.')+1:]]
}

// skipEffects is what a block kexplain did not run may have changed: each name it assigns is not
// known afterwards (unless it only applies a layer that keeps the shape), and a Sequential it adds
// layers to has shapes that are not known from there on. Without this the layers after the block
// would be counted on values the block may have replaced.
func (in *interpreter) skipEffects(fr *frame, at *grammar.Stmt, body []*grammar.Stmt, depth int) {
	if depth > maxNesting {
		return
	}
	why := func(what string) *cause {
		return &cause{line: at.Line, col: at.Col, what: what, why: "the block at " + itoa(at.Line) + ":" + itoa(at.Col) +
			", which kexplain did not run, may change it", said: true}
	}
	var names func(t *grammar.Expr)
	names = func(t *grammar.Expr) {
		switch t.Kind {
		case grammar.ExprName:
			if old, ok := fr.sc.get(t.Name); ok {
				if tv, ok := old.(*tensorVal); ok {
					// still the tensor the graph holds, of a shape not known: the layers before
					// it stay the model's
					in.setVar(fr, t.Name, &tensorVal{node: tv.node, index: tv.index, why: why(t.Name)})
					return
				}
			}
			in.setVar(fr, t.Name, unknownVal{c: why(t.Name)})
		case grammar.ExprTuple, grammar.ExprList:
			for _, x := range t.Items {
				names(x)
			}
		case grammar.ExprStar:
			names(t.X)
		}
	}
	for _, st := range body {
		switch st.Kind {
		case grammar.StmtAssign:
			if len(st.Targets) == 1 && len(st.Targets[0]) == 1 && st.Targets[0][0].Kind == grammar.ExprName &&
				keepsShapeCall(st.Value, st.Targets[0][0].Name) {
				continue
			}
			for _, ts := range st.Targets {
				for _, t := range ts {
					names(t)
				}
			}
		case grammar.StmtAugAssign, grammar.StmtAnnAssign, grammar.StmtFor, grammar.StmtWith:
			for _, ts := range st.Targets {
				for _, t := range ts {
					names(t)
				}
			}
		case grammar.StmtDef, grammar.StmtClass:
			in.setVar(fr, st.Name, unknownVal{c: why(st.Name)})
			continue
		case grammar.StmtExpr:
			v := st.Value
			if v != nil && v.Kind == grammar.ExprCall && v.X.Kind == grammar.ExprAttr && v.X.Name == "add" &&
				v.X.X.Kind == grammar.ExprName && !(len(v.Items) == 1 && keepsShapeCtor(v.Items[0])) {
				if val, ok := fr.sc.get(v.X.X.Name); ok {
					if m, ok := val.(*modelObj); ok && m.seq && m.gapWhy == nil {
						m.gapAt, m.gapWhy = len(m.layers), why("the output of "+m.obj.name)
					}
				}
			}
		}
		in.skipEffects(fr, at, st.Body, depth+1)
		in.skipEffects(fr, at, st.Else, depth+1)
		for _, h := range st.Handlers {
			in.skipEffects(fr, at, h.Body, depth+1)
		}
		in.skipEffects(fr, at, st.Final, depth+1)
	}
}

// because is " (why)" for an unknown value whose cause is on the same line, else it says the
// cause as a note of its own and gives "".
func (in *interpreter) because(v any, line int) string {
	c, ok := unknownOf(v)
	if !ok || c == nil {
		if t, ok := v.(*tensorVal); ok && t != nil {
			return " (a tensor has no truth value while the model is built)"
		}
		if s, ok := v.(symVal); ok {
			root := string(s)
			if i := strings.IndexByte(root, '.'); i >= 0 {
				root = root[:i]
			}
			if _, bound := in.globals.vars[root]; bound {
				return " (" + string(s) + " is a value kexplain does not know)"
			}
			return " (" + root + " is not defined in the paste)"
		}
		return ""
	}
	if c.line == line || c.line == 0 {
		c.said = true
		if c.what != "" && isIdent(c.what) {
			return " (" + c.what + ": " + c.why + ")" // the name the condition reads
		}
		return " (" + c.why + ")"
	}
	in.say(c)
	return ""
}

// isIdent reports a plain name (or dotted chain of names).
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func (in *interpreter) whileStmt(fr *frame, s *grammar.Stmt) ctl {
	for !in.stopped {
		cond := in.eval(fr, s.Value)
		switch truth(cond) {
		case 0:
			return in.exec(fr, s.Else)
		case -1:
			in.skipNote(s.Line, s.Col, "while "+s.Value.String()+": condition unknown"+in.because(cond, s.Line)+", loop not run")
			in.skipEffects(fr, s, s.Body, 0)
			return ctlNext
		}
		switch in.exec(fr, s.Body) {
		case ctlBreak:
			return ctlNext
		case ctlReturn:
			return ctlReturn
		}
		if !in.spend(1, s.Line, s.Col) {
			return ctlReturn
		}
	}
	return ctlReturn
}

func (in *interpreter) forStmt(fr *frame, s *grammar.Stmt) ctl {
	iter := in.eval(fr, s.Value)
	if al, ok := iter.(*appLayers); ok {
		return in.forAppLayers(fr, s, al)
	}
	items, ok := in.iterate(iter, s.Value)
	if !ok {
		in.skipNote(s.Line, s.Col, "for "+s.Targets[0][0].String()+" in "+s.Value.String()+": the values are not known"+
			in.because(iter, s.Line)+", body skipped")
		in.skipEffects(fr, s, []*grammar.Stmt{{Kind: grammar.StmtFor, Targets: s.Targets}}, 0)
		in.skipEffects(fr, s, s.Body, 0)
		return ctlNext
	}
	for _, it := range items {
		if in.stopped {
			return ctlReturn
		}
		in.assign(fr, s.Targets[0][0], it)
		switch in.exec(fr, s.Body) {
		case ctlBreak:
			return ctlNext
		case ctlReturn:
			return ctlReturn
		}
		if !in.spend(1, s.Line, s.Col) {
			return ctlReturn
		}
	}
	return in.exec(fr, s.Else)
}

// iterate gives the elements a for loop or a comprehension goes over.
func (in *interpreter) iterate(v any, e *grammar.Expr) ([]any, bool) {
	switch x := v.(type) {
	case *listVal:
		return x.items, true
	case *dictVal:
		return x.keys, true
	case string:
		if !in.sized(len(x), e) {
			return nil, false
		}
		out := make([]any, 0, len(x))
		for _, r := range x {
			out = append(out, string(r))
		}
		return out, true
	case *modelObj:
		// iterating a model gives nothing in Keras; model.layers is the usual intent
		return nil, false
	}
	return nil, false
}

// ---- assignment ----

func (in *interpreter) assignList(fr *frame, targets []*grammar.Expr, v any) {
	if len(targets) == 1 {
		in.assign(fr, targets[0], v)
		return
	}
	in.unpack(fr, targets, v, nil)
}

func (in *interpreter) assign(fr *frame, t *grammar.Expr, v any) {
	switch t.Kind {
	case grammar.ExprName:
		in.setVar(fr, t.Name, v)
	case grammar.ExprTuple, grammar.ExprList:
		in.unpack(fr, t.Items, v, t)
	case grammar.ExprAttr:
		in.setAttr(in.eval(fr, t.X), t.Name, v, t)
	case grammar.ExprIndex:
		in.setIndex(fr, in.eval(fr, t.X), t, v)
	case grammar.ExprStar:
		in.assign(fr, t.X, v)
	}
}

// unpack spreads a value over targets (with at most one *starred target).
func (in *interpreter) unpack(fr *frame, targets []*grammar.Expr, v any, e *grammar.Expr) {
	var items []any
	known := false
	switch x := v.(type) {
	case *listVal:
		items, known = x.items, true
	case *dictVal:
		items, known = x.keys, true
	case string:
		items, known = in.iterate(x, e)
	}
	star := -1
	for k, t := range targets {
		if t.Kind == grammar.ExprStar {
			star = k
		}
	}
	if known && (star < 0 && len(items) != len(targets) || star >= 0 && len(items) < len(targets)-1) {
		known = false
		v = in.unknown(targets[0], "cannot unpack "+itoa(len(items))+" values into "+itoa(len(targets))+" names")
	}
	for k, t := range targets {
		if !known {
			u := v
			if _, ok := unknownOf(v); !ok {
				u = in.unknown(t, "the value unpacked into it is not known")
			}
			in.assign(fr, t, u)
			continue
		}
		switch {
		case star < 0 || k < star:
			in.assign(fr, t, items[k])
		case k == star:
			n := len(items) - (len(targets) - 1)
			in.assign(fr, t, &listVal{items: append([]any{}, items[k:k+n]...)})
		default:
			in.assign(fr, t, items[len(items)-(len(targets)-k)])
		}
	}
}

func (in *interpreter) augAssign(fr *frame, s *grammar.Stmt) {
	t := s.Targets[0][0]
	cur := in.eval(fr, t)
	v := in.eval(fr, s.Value)
	if l, ok := cur.(*listVal); ok && !l.tuple && s.Op() == "+" {
		// lst += iterable extends the list in place
		items, ok := in.iterate(v, s.Value)
		if !ok {
			in.assign(fr, t, in.unknown(s.Value, "the values added to the list are not known"))
			return
		}
		if in.sized(len(l.items)+len(items), s.Value) {
			l.items = append(l.items, items...)
		}
		return
	}
	in.assign(fr, t, in.binary(s.Op(), cur, v, s.Value))
}

func (in *interpreter) setIndex(fr *frame, obj any, t *grammar.Expr, v any) {
	if len(t.Items) != 1 {
		return
	}
	switch o := obj.(type) {
	case *dictVal:
		k := in.eval(fr, t.Items[0])
		if !o.set(k, v) && !in.stopped {
			in.sized(len(o.keys)+1, t)
		}
	case *listVal:
		if i, ok := in.eval(fr, t.Items[0]).(int64); ok {
			n := int64(len(o.items))
			if i < 0 {
				i += n
			}
			if i >= 0 && i < n {
				o.items[i] = v
			}
		}
	case *instVal:
		in.eval(fr, t.Items[0])
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// elided is a line of a paste that says code was left out there ("...", ". . .", "# ..."), or a
// statement that is only "..." among others: more layers, not Python's no-op. What was built before it stays; the tensors
// in scope and the output of each Sequential in scope have shapes not known from there on, so
// that the layers after it are not counted on shapes the missing code may have changed.
func (in *interpreter) elided(fr *frame, line, col int) {
	c := &cause{line: line, col: col, what: "...", why: "code left out of the paste here, which may change it", said: true}
	changed := false
	for sc := fr.sc; sc != nil; sc = sc.parent {
		for name, v := range sc.vars {
			switch x := v.(type) {
			case *tensorVal:
				if x.node != nil && !x.data && x.dims != nil {
					sc.vars[name] = &tensorVal{node: x.node, index: x.index, why: c}
					changed = true
				}
			case *modelObj:
				if x.seq && x.gapWhy == nil {
					x.gapAt, x.gapWhy = len(x.layers), c
					changed = true
				}
			}
		}
	}
	if changed {
		in.note(line, col, "...: code left out here; the shapes after it are not known from the code")
	}
}

// elisionBetween is a line after from and before to where the paste says code was left out.
func (in *interpreter) elisionBetween(from, to int) (int, bool) {
	for _, l := range in.elisions {
		if l > from && l < to {
			return l, true
		}
	}
	return 0, false
}
