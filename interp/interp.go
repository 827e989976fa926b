package interp

import (
	"math"
	"strconv"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// The interpreter: the entry point Rebuild, its budget, its notes and its scopes. Statements are
// in exec.go, expressions in eval.go, the built-in functions in builtins.go, and what is Keras in
// calls.go, apply.go, ops.go, apps.go and subclass.go.

// The budget of one rebuild. Hostile or runaway code stops at these limits, with a note that
// says which one and where; the model built up to there is still shown.
const (
	// maxWork is the total work of a rebuild: one unit per statement run, per expression
	// evaluated and per element of every list, tuple, dict or string made. About a second of work
	// at most; a 1,000-layer model takes some 20,000.
	maxWork = 2_000_000
	// maxLen is the most elements one list, tuple, dict or string may have ([1]*10**9 stops here).
	maxLen = 100_000
	// maxCallDepth is how deeply calls of functions the code defines may nest (recursion).
	maxCallDepth = 64
	// maxNesting is how deeply blocks may nest when they run (if inside for inside def ...).
	maxNesting = 64
	// maxLayers is the most layers, models and operations one rebuild may make.
	maxLayers = 20_000
)

// errBudget stops the rebuild when a limit of the budget is reached.
type budgetStop struct{}

// interpreter runs a program.
type interpreter struct {
	// elisions: the lines where the paste says code was left out ("...", "# ..."), read as blank
	elisions []int
	// printed: the shapes of arrays the paste shows printed (x.shape and its output)
	printed  []grammar.PrintedShape
	v        layers.Version
	tfjs     bool // TensorFlow.js code read as TensorFlow.js builds it: its own automatic names
	globals  *scope
	counters map[string]int
	models   []*modelObj
	summed   *modelObj // the model whose summary() the code calls
	summedAt *grammar.Expr
	layers   int // layers, models and operations made

	work      int
	stopped   bool // the budget ran out: nothing more runs
	callDepth int
	nesting   int
	free      int   // > 0 while a Lambda's function or a subclassed call() runs: operations make no rows
	selves    []any // the self of each running method (for super())

	notes     []Note
	noted     map[string]bool
	keras     bool // the code made a layer, model or tensor, or called summary()
	firstLine int  // where it first made a layer
	firstCol  int
	lexErrs   map[*grammar.Error]bool // the program's bracket and string errors, said elsewhere
	summaryOn *cause

	eager     bool     // while a Keras 3 subclassed model called on data is summarised
	snapshots []*Model // the models as each summary() call printed them (candidates.go)
	quiet     int      // > 0 while a model is summarised or replayed for pairing only: no notes
	replayAt  [2]int   // the line and column of the call a replay computes (eras.go)
}

// scope is a function's (or the module's) variables.
type scope struct {
	vars    map[string]any
	parent  *scope          // the scope the function was defined in
	globals map[string]bool // names declared global here
}

func newScope(parent *scope) *scope {
	return &scope{vars: map[string]any{}, parent: parent}
}

func (s *scope) get(name string) (any, bool) {
	for x := s; x != nil; x = x.parent {
		if v, ok := x.vars[name]; ok {
			return v, true
		}
	}
	return nil, false
}

// Rebuild runs the program of a code snippet and returns the model it builds, as Keras version
// v would build it (VersionUnknown: the version the code is written for). It returns nil when
// the snippet has no program or nothing in it is Keras; a snippet that is Keras but builds no
// model gives a Result with no model and notes that say why.
func Rebuild(sn *grammar.Snippet, v layers.Version) *Result {
	if sn == nil || sn.Program == nil {
		return nil
	}
	return rebuild(sn.Program, sn, v)
}

// rebuild runs a parsed program and returns its model, as Keras version v would build it
// (VersionUnknown: the version the code is written for); sn may be nil.
func rebuild(prog *grammar.Program, sn *grammar.Snippet, v layers.Version) *Result {
	in := &interpreter{counters: map[string]int{}, noted: map[string]bool{}, lexErrs: map[*grammar.Error]bool{}}
	for _, e := range prog.Errors {
		in.lexErrs[e] = true
	}
	in.globals = newScope(nil)
	in.globals.vars["__name__"] = "__main__"
	in.v = v
	if v == layers.VersionUnknown {
		in.v = DetectVersion(prog)
	}
	in.tfjs = sn != nil && sn.Lang == grammar.LangTFJS && in.v == layers.Keras2
	if sn != nil {
		for _, p := range sn.Parts {
			in.elisions = append(in.elisions, p.ElidedAt...)
			in.printed = append(in.printed, p.Shapes...)
		}
	}
	in.runTop(prog.Stmts)
	if in.summed == nil && len(in.models) == 0 {
		in.callUncalled(prog.Stmts) // uncalled.go
	}
	m := in.summed
	if m == nil {
		for i := len(in.models) - 1; i >= 0; i-- {
			if !in.usedAsLayer(in.models[i]) {
				m = in.models[i]
				break
			}
		}
	}
	if m == nil {
		if !in.keras {
			return nil
		}
		res := &Result{Snippet: sn, Version: in.v, Notes: in.notes}
		if in.summaryOn != nil {
			res.Notes = append(res.Notes, Note{Line: in.summaryOn.line, Col: in.summaryOn.col,
				Text: in.summaryOn.what + ": " + in.summaryOn.why})
		}
		if len(res.Notes) == 0 {
			line, col := in.firstLine, in.firstCol
			if line == 0 && sn != nil {
				line = sn.StartLine
			}
			res.Notes = append(res.Notes, Note{Line: line, Col: col, Text: "this code makes layers but no model (no Sequential, Model() or subclassed model)"})
		}
		return res
	}
	if m.obj.app != nil {
		at := in.summedAt
		line, col := m.line, 0
		if at != nil {
			line, col = at.Line, at.Col
		}
		in.note(line, col, "the summary of keras.applications."+m.obj.app.Class+" lists its layers one by one in Keras; "+
			"kexplain shows them as one row ("+m.obj.name+"), with their total")
	}
	model := in.summarise(m)
	return &Result{Snippet: sn, Version: in.v, Model: model, Notes: in.notes, Models: in.candidates(m, model)}
}

// usedAsLayer reports whether another model holds m as a layer.
func (in *interpreter) usedAsLayer(m *modelObj) bool {
	for _, o := range in.models {
		if o == m {
			continue
		}
		for _, l := range in.modelLayers(o) {
			if l == m.obj {
				return true
			}
		}
	}
	return false
}

// ---- notes ----

// note records what the rebuild could not follow, once per place and text.
func (in *interpreter) note(line, col int, text string) {
	in.addNote(Note{Line: line, Col: col, Text: text})
}

// skipNote is a note that says code was not run here (Note.Skip).
func (in *interpreter) skipNote(line, col int, text string) {
	in.addNote(Note{Line: line, Col: col, Text: text, Skip: true})
}

func (in *interpreter) addNote(n Note) {
	if in.quiet > 0 {
		return
	}
	key := strconv.Itoa(n.Line) + ":" + strconv.Itoa(n.Col) + " " + n.Text
	if in.noted[key] {
		return
	}
	in.noted[key] = true
	in.notes = append(in.notes, n)
}

// say writes the note of an unknown value's cause, once; where the unknown is used (a layer's
// argument, a condition) matters to the model, other unknowns stay silent.
func (in *interpreter) say(c *cause) {
	if c == nil || c.said || in.quiet > 0 {
		return
	}
	c.said = true
	text := c.why
	if c.what != "" {
		text = c.what + ": " + c.why
	}
	in.note(c.line, c.col, text)
}

// unknown makes an unknown value caused by expression e, for the reason why.
func (in *interpreter) unknown(e *grammar.Expr, why string) unknownVal {
	c := &cause{why: why}
	if e != nil {
		c.line, c.col, c.what = e.Line, e.Col, e.String()
	}
	return unknownVal{c: c}
}

// ---- the budget ----

// spend takes n units of work; when the budget is spent it says so once, at e's place, and
// stops the rebuild.
func (in *interpreter) spend(n int, line, col int) bool {
	if in.stopped {
		return false
	}
	in.work += n
	if in.work > maxWork {
		in.stop(line, col, "the rebuild stops here: more than "+strconv.Itoa(maxWork)+" steps of work (kexplain's budget)")
		return false
	}
	return true
}

func (in *interpreter) stop(line, col int, why string) {
	if !in.stopped {
		in.stopped = true
		quiet := in.quiet
		in.quiet = 0 // the budget's end is said even where notes are held back (a replay)
		in.skipNote(line, col, why)
		in.quiet = quiet
	}
}

// sized checks a new list, dict or string of n elements against the budget.
func (in *interpreter) sized(n int, e *grammar.Expr) bool {
	if n > maxLen {
		in.noteTooBig(e, int64(n))
		return false
	}
	line, col := 0, 0
	if e != nil {
		line, col = e.Line, e.Col
	}
	return in.spend(n, line, col)
}

// noteTooBig says that e would make n elements, more than the budget allows.
func (in *interpreter) noteTooBig(e *grammar.Expr, n int64) {
	line, col := 0, 0
	if e != nil {
		line, col = e.Line, e.Col
	}
	count := strconv.FormatInt(n, 10)
	if n < 0 || n == math.MaxInt64 {
		count = "more than 2^63"
	}
	in.note(line, col, exprText(e)+"would make "+count+" elements; kexplain stops at "+strconv.Itoa(maxLen)+
		" (its budget), so this value is not known")
}

// tooBig is the value of e when it is too large for the budget (the note is said already).
func (in *interpreter) tooBig(e *grammar.Expr) unknownVal {
	return unknownVal{c: &cause{line: lineOf(e), col: colOf(e), what: exprWhat(e), why: "longer than kexplain's budget", said: true}}
}

func exprText(e *grammar.Expr) string {
	if e == nil {
		return ""
	}
	return e.String() + ": "
}

// newLayerBudget counts one more layer, model or operation.
func (in *interpreter) newLayerBudget(line, col int) bool {
	in.layers++
	if in.layers > maxLayers {
		in.stop(line, col, "the rebuild stops here: more than "+strconv.Itoa(maxLayers)+" layers (kexplain's budget)")
		return false
	}
	return true
}
