package explain

import (
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/interp"
	"github.com/kexplain/kexplain/layers"
)

// Pairing a printed table with the code that built it. A table pairs with the model it shows,
// found by its rows: their classes in order and their names, never by where the table stands
// in the paste. Every model the code may have printed is a candidate (the model at each
// summary() call, and every model the code builds), and the table takes the one whose rows
// align best with its own; a table that no model aligns with well enough has no code.
//
// The rows are aligned in order (a longest common subsequence of compatible classes, with
// names as a bonus). An aligned pair is only compared when the alignment is certain for it
// (anchored): the layer's name is its own and equal, or it is the k-th layer of its class
// counted from an end of the model that both the code and the table show whole, with nothing
// the code does not define in between.

// codeRowInfo is a row of a rebuilt model, as the pairing sees it.
type codeRowInfo struct {
	r     *interp.Row
	class string // canonical class ("Model" for every nested model), "" undefined
}

// tableRowInfo is a row of a printed table, as the pairing sees it.
type tableRowInfo struct {
	rr    *RowResult
	class string // canonical class ("Model" for every nested model), "" when unknown
}

// rowPair is one aligned pair: indexes into the code and table rows.
type rowPair struct {
	c, t     int
	strong   bool // the classes agree (not a match with an undefined or unreadable row)
	anchored bool // the pairing is certain for this row (see above)
}

// pairing is a table with the model it pairs with.
type pairing struct {
	sum   *Summary
	code  *CodeResult
	model *interp.Model
	index int // the model's index among the code result's candidates
	crows []codeRowInfo
	trows []tableRowInfo
	pairs []rowPair
	score int
	// what the checks may rely on
	codeWhole  bool // the code's model holds nothing undefined, and the code is not cut, elided or conditional
	tableWhole bool // the table shows every row of its model, readably
}

// opClasses are the table classes of operations on tensors (x + y, tf.concat), which each era
// prints its own way.
var opClasses = map[string]bool{"TFOpLambda": true, "TensorFlowOpLayer": true, "SlicingOpLambda": true}

// opClassOf reads an operation's class from a cut class cell ("TensorFlowOp" of
// "TensorFlowOpLayer"); "" when the cell is no operation's.
func opClassOf(typeText string) string {
	t := strings.TrimSuffix(typeText, "…")
	if len(t) < 5 {
		return ""
	}
	for c := range opClasses {
		if strings.HasPrefix(c, t) {
			return c
		}
	}
	return ""
}

// canonClass is the class as the pairing compares it: aliases resolved, every nested model
// "Model".
func canonClass(c string) string {
	switch {
	case c == "":
		return ""
	case modelClasses[c]:
		return "Model"
	case strings.HasPrefix(c, "TensorFlowOp"):
		return "TensorFlowOpLayer"
	}
	if s := layers.Lookup(c); s != nil {
		return s.Class
	}
	return c
}

// codeRows are the rows of a rebuilt model the pairing aligns: its top-level layers, inputs aside.
func codeRows(m *interp.Model) []codeRowInfo {
	var out []codeRowInfo
	for _, r := range m.Rows {
		if r.Depth != 0 || r.Class == "InputLayer" {
			continue
		}
		c := canonClass(r.Class)
		if r.Undefined && c == "?" {
			c = "" // a value the code does not define: its class is not known
		}
		out = append(out, codeRowInfo{r: r, class: c})
	}
	return out
}

// tableRows are the rows of a table the pairing aligns: the top-level rows, inputs aside.
func tableRows(s *Summary) []tableRowInfo {
	out := make([]tableRowInfo, 0, len(s.Rows))
	for _, rr := range s.Rows {
		if rr.Row.Depth != 0 || rr.Class == "InputLayer" {
			continue
		}
		c := rr.Class
		if c == "" && isApplicationName(rr.Row.Name) {
			c = "Model"
		}
		if c == "" {
			c = opClassOf(rr.Row.TypeText)
		}
		out = append(out, tableRowInfo{rr: rr, class: canonClass(c)})
	}
	return out
}

// matchScore scores aligning a code row with a table row: 0 when they cannot be the same layer.
// The same class scores 10 (4 more for the same name the code gives it, 1 for the same name
// Keras counted out, 2 for the units the output shows); an undefined code row or an
// unreadable table row may stand for anything and scores 1; an operation scores 3 with an
// operation row.
func matchScore(c codeRowInfo, t tableRowInfo) int {
	switch {
	case c.class != "" && c.class == t.class:
		s := 10
		switch {
		case c.r.Name == t.rr.Row.Name && explicitName(c.r):
			s += 4
		case c.r.Name == t.rr.Row.Name:
			s++ // a name Keras counted out: a layer more or less above shifts it, the units do not
		}
		if key, ok := outputKey(c.class, c.r.Config); ok {
			if n, ok := c.r.Config.Int(key); ok && n == dimsOf(t.rr.Row.Output).Last() {
				s += 2 // the units the output shows: of two Dense rows, the one with the code's units
			}
		}
		return s
	case c.r.Undefined || t.class == "":
		return 1
	case c.r.Op && opClasses[t.class]:
		return 3
	}
	return 0
}

// maxAlignCells bounds the alignment table (rows × rows).
const maxAlignCells = 4 << 20

// align aligns the rows in order, maximising the score: a longest common subsequence of rows
// that can be the same layer. Rows with the same explicit name that the order leaves apart (a
// functional model listed in another order) are paired after it.
func align(cs []codeRowInfo, ts []tableRowInfo) ([]rowPair, int) {
	n, m := len(cs), len(ts)
	if n == 0 || m == 0 || n*m > maxAlignCells {
		return nil, 0
	}
	// best[i][j]: the best score of cs[i:] with ts[j:]
	best := make([][]int32, n+1)
	for i := range best {
		best[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			v := max(best[i+1][j], best[i][j+1])
			if s := matchScore(cs[i], ts[j]); s > 0 {
				v = max(v, best[i+1][j+1]+int32(s))
			}
			best[i][j] = v
		}
	}
	var pairs []rowPair
	for i, j := 0, 0; i < n && j < m; {
		s := matchScore(cs[i], ts[j])
		switch {
		case s > 0 && best[i][j] == best[i+1][j+1]+int32(s):
			pairs = append(pairs, rowPair{c: i, t: j, strong: s >= 10})
			i++
			j++
		case best[i][j] == best[i+1][j]:
			i++
		default:
			j++
		}
	}
	score := int(best[0][0])
	usedC, usedT := map[int]bool{}, map[int]bool{}
	for _, p := range pairs {
		usedC[p.c], usedT[p.t] = true, true
	}
	for i, c := range cs {
		if usedC[i] || !explicitName(c.r) {
			continue
		}
		for j, t := range ts {
			if !usedT[j] && t.rr.Row.Name == c.r.Name && c.class == t.class {
				pairs = append(pairs, rowPair{c: i, t: j, strong: true})
				usedC[i], usedT[j] = true, true
				score += 14
				break
			}
		}
	}
	return pairs, score
}

// explicitName reports whether the code names the layer itself (name="fc1").
func explicitName(r *interp.Row) bool {
	s, ok := r.Config["name"].(string)
	return ok && s == r.Name
}

// pairTables pairs every table with the model of the code it shows, or with none.
func pairTables(sums []*Summary, code []*CodeResult) []*pairing {
	var out []*pairing
	if len(code) == 0 {
		return nil // no code to pair with: the tables' rows are not gathered
	}
	for _, s := range sums {
		var best *pairing
		ts := tableRows(s)
		if len(ts) == 0 {
			continue
		}
		for _, c := range code {
			for k, m := range c.Models {
				cs := codeRows(m)
				pairs, score := align(cs, ts)
				if !enough(cs, ts, pairs) {
					continue
				}
				if s.Table.Name != "" && s.Table.Name == m.Name {
					score += 20 // the model's own name, as the table's title prints it
				}
				score += agreement(cs, ts, pairs)
				p := &pairing{sum: s, code: c, model: m, index: k, crows: cs, trows: ts, pairs: pairs, score: score}
				if best == nil || p.score > best.score || p.score == best.score && closer(p, best) {
					best = p
				}
			}
		}
		if best != nil {
			out = append(out, best)
		}
	}
	return out
}

// enough reports whether an alignment shows the same model: at least half the rows of the longer
// side (the code's undefined rows aside) are layers of the same class in the same order, a table
// row whose class the print cut counting half where it aligns with a layer of the code.
func enough(cs []codeRowInfo, ts []tableRowInfo, pairs []rowPair) bool {
	strong, weak := 0, 0
	for _, p := range pairs {
		switch {
		case p.strong:
			strong++
		case ts[p.t].class == "" && !cs[p.c].r.Undefined:
			weak++
		}
	}
	defined := 0
	for _, c := range cs {
		if !c.r.Undefined && !c.r.Op {
			defined++
		}
	}
	rows := 0
	for _, t := range ts {
		if !opClasses[t.class] {
			rows++
		}
	}
	return strong > 0 && 4*strong+2*weak >= 2*max(defined, rows)
}

// closer breaks a tie between two candidate models: the one printed by the summary() call
// nearest above the table, else the earlier code.
func closer(a, b *pairing) bool {
	at := a.sum.Table.StartLine
	da, db := distance(a.model.SummaryLine, at), distance(b.model.SummaryLine, at)
	return da < db
}

func distance(summaryLine, table int) int {
	if summaryLine == 0 || summaryLine > table {
		return 1 << 30
	}
	return table - summaryLine
}

// wholeTable reports whether a table shows its model whole and readably: no rows left out, no
// columns cropped, no row it could not read, and the rows add up to the total when it prints one.
// (That every row's class is known is the pairing's to say: classesKnown.)
func wholeTable(s *Summary) bool {
	t := s.Table
	if len(t.Elided) > 0 || t.Cropped {
		return false
	}
	for _, f := range s.Flags {
		if f.Kind == KindElided || f.Kind == KindParse && f.Alarm() {
			return false
		}
	}
	if t.Totals.Total != nil && s.Computed.Total != nil && *t.Totals.Total != *s.Computed.Total {
		return false
	}
	return true
}

// wholeCode reports whether the code's model is all in the code: nothing undefined in it, the
// snippet neither cut nor elided, and no statement whose effect the interpreter cannot know (a
// condition or a loop over values it does not know, an exception handler).
func wholeCode(c *CodeResult, m *interp.Model) bool {
	if len(m.Undefined) > 0 || c.Skipped || c.Snippet != nil && c.Snippet.Partial() {
		return false
	}
	return c.Snippet == nil || !conditional(c.Snippet.Program)
}

// conditional reports statements whose effect on a model the interpreter does not decide:
// exception handlers (the interpreter runs a try's body and never a handler), and compound
// statements it could not read as such.
func conditional(p *grammar.Program) bool {
	if p == nil {
		return false
	}
	return conditionalIn(p.Stmts, 0)
}

func conditionalIn(stmts []*grammar.Stmt, depth int) bool {
	if depth > 64 {
		return true
	}
	for _, s := range stmts {
		switch {
		case s.Kind == grammar.StmtTry && len(s.Handlers) > 0:
			return true
		case s.Kind == grammar.StmtOther:
			for _, k := range []string{"if ", "elif ", "else", "while ", "try", "except"} {
				if strings.HasPrefix(s.Text, k) {
					return true
				}
			}
		}
		for _, b := range [][]*grammar.Stmt{s.Body, s.Else, s.Final} {
			if conditionalIn(b, depth+1) {
				return true
			}
		}
	}
	return false
}

// anchor marks the pairs whose pairing is certain.
func (p *pairing) anchor() {
	p.codeWhole = wholeCode(p.code, p.model)
	p.tableWhole = wholeTable(p.sum) && p.classesKnown()
	totalShown := p.sum.Table.Totals.Total != nil
	headless := false
	for _, f := range p.sum.Flags {
		if strings.Contains(f.Message, "no header line") {
			headless = true
		}
	}
	n := len(p.crows)
	// gaps that are no row (a Sequential's list of layers the code does not give, a functional
	// model's inputs) stand before every row
	rowGaps := 0
	for _, c := range p.crows {
		if c.r.Undefined {
			rowGaps++
		}
	}
	undefBefore := make([]bool, n+1) // an undefined row before i
	undefBefore[0] = len(p.model.Undefined) > rowGaps
	for i := 0; i < n; i++ {
		undefBefore[i+1] = undefBefore[i] || p.crows[i].r.Undefined
	}
	undefAfter := make([]bool, n+1) // an undefined row after i
	for i := n - 1; i >= 0; i-- {
		undefAfter[i] = undefAfter[i+1] || p.crows[i].r.Undefined
	}
	partial := p.code.Snippet != nil && (p.code.Snippet.Partial() || conditional(p.code.Snippet.Program))
	first, last := p.gapLines()
	inOrder := true // the rows come in the order of their lines (no function made them out of order)
	for i := 1; i < n; i++ {
		inOrder = inOrder && p.crows[i].r.Line >= p.crows[i-1].r.Line
	}
	gapped := partial || p.code.Skipped
	for k := range p.pairs {
		pr := &p.pairs[k]
		if !pr.strong {
			continue
		}
		c, t := p.crows[pr.c], p.trows[pr.t]
		// a row above the code's first gap (where it is cut, or a statement it did not run) is
		// counted from a whole top; one below its last gap, from a whole end
		head := p.codeWhole || first > 0 && inOrder && c.r.Line < first && len(p.model.Undefined) == rowGaps
		tail := !gapped || last > 0 && inOrder && c.r.Line > last
		if c.r.Name == t.rr.Row.Name && (explicitName(c.r) || head && !undefBefore[pr.c]) {
			pr.anchored = true // its own name, or the name a whole program gives it in order
			continue
		}
		if !p.tableWhole {
			continue
		}
		if (head || !gapped) && !undefBefore[pr.c] && !headless && ordinal(p.crows, pr.c, +1) == ordinalT(p.trows, pr.t, +1) {
			pr.anchored = true
		}
		if tail && !undefAfter[pr.c+1] && totalShown && ordinal(p.crows, pr.c, -1) == ordinalT(p.trows, pr.t, -1) {
			pr.anchored = true
		}
	}
}

// gapLines are the first and last lines where the code has a gap: a statement it did not run (a
// condition or a loop over values it does not know, a statement it could not read), or the
// statement where it is cut (an unclosed bracket or string: the paste stops inside it, or a syntax
// error leaves it open; nothing is known below it, so last is then past every line). 0, 0 when
// there is no gap, or none that lines can place (elided code, a condition not read as such).
func (p *pairing) gapLines() (first, last int) {
	sn := p.code.Snippet
	if sn != nil && conditional(sn.Program) {
		return 0, 0
	}
	for _, l := range p.code.SkipLines {
		if l <= 0 {
			return 0, 0 // a gap no line places (the budget)
		}
		if first == 0 || l < first {
			first = l
		}
		last = max(last, l)
	}
	if cut := p.cutLine(); cut > 0 {
		if first == 0 || cut < first {
			first = cut
		}
		last = 1 << 30
	} else if sn != nil && sn.Partial() {
		return 0, 0 // elided
	}
	return first, last
}

// cutLine is the line of the statement where the code is cut (an unclosed bracket or string: the
// paste stops inside it, or a syntax error leaves it open). 0 when the code is not cut, or is
// elided.
func (p *pairing) cutLine() int {
	sn := p.code.Snippet
	if sn == nil || sn.Program == nil {
		return 0
	}
	end := 0
	for _, pt := range sn.Parts {
		if pt.Elided {
			return 0
		}
		if pt.Cut && end == 0 {
			end = pt.EndLine
		}
	}
	if end == 0 {
		return 0
	}
	line := 0 // the last statement that starts in the cut part
	for _, st := range sn.Program.Stmts {
		if st.Line <= end {
			line = st.Line
		}
	}
	return line
}

// ordinal counts the code rows of row i's class before it (dir +1) or after it (dir −1).
func ordinal(rs []codeRowInfo, i, dir int) int {
	n := 0
	for k := i - dir; k >= 0 && k < len(rs); k -= dir {
		if rs[k].class == rs[i].class {
			n++
		}
	}
	return n
}

// ordinalT counts the table rows of row j's class before it (dir +1) or after it (dir −1).
func ordinalT(rs []tableRowInfo, j, dir int) int {
	n := 0
	for k := j - dir; k >= 0 && k < len(rs); k -= dir {
		if rs[k].class == rs[j].class {
			n++
		}
	}
	return n
}

// versionOf is the Keras a table's print says ran the code: a Keras 3 box, a wrapped tf.keras
// table, a Keras 1 table; a Keras 2 layout is multi-backend Keras 2 or tf.keras up to 2.6, told
// apart by the names (tf.keras names the first layer of a class without a number). It returns
// VersionUnknown where the print does not say (TensorFlow.js). R keras wrapped multi-backend
// Keras 2 before tf.keras, so for R the names decide.
func versionOf(s *Summary, code layers.Version, lang string) layers.Version {
	switch s.Table.Format {
	case grammar.Keras3:
		return layers.Keras3
	case grammar.Keras27:
		return layers.TFKeras
	case grammar.Keras1:
		return layers.Keras1
	case grammar.Keras2:
		if (code == layers.Keras2 || code == layers.TFKeras) && lang != grammar.LangR {
			return code // Python that imports tf.keras (a session's earlier layers may have taken the bare names)
		}
		for _, rr := range s.Rows {
			if rr.Class != "" && rr.Row.Name == layers.SnakeCase(rr.Class) {
				return layers.TFKeras
			}
		}
		return layers.Keras2
	}
	return layers.VersionUnknown
}

// agreement scores how well a candidate model fits a table beyond its classes: rows that print
// the count the code gives score, rows on either side left unaligned cost. Among the models a
// program prints (the model before and after more layers are added, the models of a loop over
// settings) it prefers the one the table shows.
func agreement(cs []codeRowInfo, ts []tableRowInfo, pairs []rowPair) int {
	score := 0
	usedC, usedT := map[int]bool{}, map[int]bool{}
	for _, p := range pairs {
		usedC[p.c], usedT[p.t] = true, true
		c, t := cs[p.c].r, ts[p.t].rr.Row
		if p.strong && c.Err == "" && !c.Undefined && c.Out != nil && t.Params != nil && *t.Params == c.Params {
			score += 2
		}
	}
	for i, c := range cs {
		if !usedC[i] && !c.r.Undefined && !c.r.Op {
			score -= 3
		}
	}
	for j, t := range ts {
		if !usedT[j] && !opClasses[t.class] {
			score -= 3
		}
	}
	return score
}

// classesKnown reports whether every row of the table has a class: printed, or, where the print
// cut it beyond reading, that of the code's layer the row aligns with (a narrow print's
// "global_max_pool…" row against the code's GlobalMaxPooling2D), which it then takes.
func (p *pairing) classesKnown() bool {
	byT := map[int]int{}
	for _, pr := range p.pairs {
		byT[pr.t] = pr.c
	}
	for j := range p.trows {
		t := &p.trows[j]
		if t.class != "" {
			continue
		}
		c, ok := byT[j]
		if !ok || p.crows[c].r.Undefined || p.crows[c].class == "" {
			return false
		}
		t.class = p.crows[c].class
	}
	return true
}
