package ocr

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// assemble lays the recognised words out on the print's character grid with the rules and box
// lines given back.
func assemble(p *Prepared, words []Word, fx *fixer) *layout {
	lo := &layout{classes: fx.classes}
	comps := components(inkRuns(p.img, 128))
	pitch, x0 := estimatePitch(words, comps, p.Glyph)
	lo.grid = charGrid{Pitch: pitch, X0: x0}
	words = stripBars(words, p.VLines, pitch, p.Glyph)
	lo.lines = offRules(groupLines(words, p.Glyph), p.HRules)
	unligature(lo.lines, p, pitch, fx.classes)
	fx.pitch = pitch
	fx.fixPage(lo.lines)
	ys := make([]float64, len(lo.lines))
	for i, l := range lo.lines {
		ys[i] = l.Y
	}
	lo.grid.LinePitch = estimateLinePitch(ys, p.Glyph)
	lo.assignRows(append([]HRule(nil), p.HRules...))

	// columns, made to start at 0
	origin := 1 << 30
	for _, l := range lo.lines {
		for _, w := range l.Words {
			origin = min(origin, lo.wordCol(w))
		}
	}
	for _, r := range lo.rules {
		origin = min(origin, lo.grid.edgeCol(float64(r.X0)))
	}
	for _, v := range p.VLines {
		origin = min(origin, lo.grid.col(float64(v.X)))
	}
	if origin == 1<<30 {
		origin = 0
	}
	lo.origin = origin
	for _, v := range p.VLines {
		lo.vcols = append(lo.vcols, lo.grid.col(float64(v.X))-origin)
	}
	sort.Ints(lo.vcols)
	lo.vcols = dedupe(lo.vcols)

	lo.drawRules()
	lo.drawBox()
	for _, l := range lo.lines {
		lo.drawWords(l)
	}
	lo.underscores(p.img)
	lo.tfjsGlued()
	lo.fixNames(fx)
	lo.finishBox()
	lo.nestMarks()
	return lo
}

// nestMarks gives back the "└" that Keras 3 prints, four spaces in, before a layer of a nested
// model, where it stands alone in its cell (the layer's name wrapped to the next line) and was
// read as a letter or a dash ("L", "|", "-"): no name is printed there, Keras pads a name by one
// space.
func (lo *layout) nestMarks() {
	if lo.boxTop < 0 || len(lo.vcols) < 2 {
		return
	}
	left, next := lo.vcols[0], lo.vcols[1]
	for r := lo.boxTop + 1; r < lo.boxBottom && r < len(lo.rows); r++ {
		row := lo.rows[r]
		c := left + 5
		if c >= next || c >= len(row) || !strings.ContainsRune("Ll|I1i-—", row[c]) {
			continue
		}
		if strings.TrimSpace(string(row[left+1:c])) != "" || strings.TrimSpace(string(row[c+1:min(next, len(row))])) != "" {
			continue
		}
		row[c] = '└'
	}
}

// offRules drops the lines that lie on a rule and read as junk, or as bits of one or two
// characters: what the recogniser made of the pieces of a row of missing-glyph boxes that the
// preparation did not paint over. No text is printed on a rule.
func offRules(lines []textLine, rules []HRule) []textLine {
	var out []textLine
	for _, l := range lines {
		on := false
		for _, r := range rules {
			if float64(r.Y0) <= l.Y && l.Y <= float64(r.Y1) {
				on = true
			}
		}
		if on {
			var b strings.Builder
			junk, short := true, true
			for _, w := range l.Words {
				b.WriteString(w.Text + " ")
				junk = junk && junkWord(w.Text)
				short = short && utf8.RuneCountInString(w.Text) <= 2
			}
			if junk || short || junkText(b.String()) {
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

func dedupe(xs []int) []int {
	var out []int
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// drawRules writes the rules that are not box lines: "=" for a double one, "_" otherwise (the
// rules of Keras 1 and 2 and TensorFlow.js).
func (lo *layout) drawRules() {
	for _, r := range lo.rules {
		if r.Box {
			continue
		}
		c0 := lo.grid.edgeCol(float64(r.X0)) - lo.origin
		c1 := lo.grid.edgeCol(float64(r.X1+1)) - 1 - lo.origin
		ch := '_'
		if r.Double {
			ch = '='
		}
		for c := c0; c <= c1; c++ {
			lo.put(r.Row, c, ch, 100)
		}
	}
}

// boxRows is the extent of a box table in rows, and its header.
func (lo *layout) boxRange() (top, bottom int, ok bool) {
	top, bottom = 1<<30, -1
	for _, r := range lo.rules {
		if r.Box {
			top, bottom = min(top, r.Row), max(bottom, r.Row)
		}
	}
	return top, bottom, bottom >= 0 && len(lo.vcols) >= 2
}

// drawBox marks the box table's rows for the words: nothing yet but the extent.
func (lo *layout) drawBox() {
	top, bottom, ok := lo.boxRange()
	if !ok {
		lo.boxTop, lo.boxBottom = -1, -1
		return
	}
	lo.boxTop, lo.boxBottom = top, bottom
	// a header row above the first rule that was drawn (the heavy lines of the header are
	// missing from some fonts): the table starts above it
	for _, l := range lo.lines {
		if l.Row < top && l.Row >= top-5 && isHeaderLine(l.Words) {
			lo.boxTop = min(lo.boxTop, l.Row-1)
		}
	}
}

// isHeaderLine reports whether words read as a summary's column titles.
func isHeaderLine(ws []Word) bool {
	n := 0
	for _, w := range ws {
		t := strings.ToLower(strings.Trim(w.Text, "()|[]"))
		switch {
		case t == "layer", t == "output", t == "param", t == "shape", t == "connected", strings.HasPrefix(t, "param"):
			n++
		}
	}
	return n >= 2
}

// underscores puts back the underscores the recogniser read as spaces (it often reads
// "dense_1" as "dense 1", or drops the "_" but keeps its box): a blank cell between two
// characters whose picture holds a stroke along the bottom of the line.
func (lo *layout) underscores(img *gray) {
	g := lo.grid
	for _, l := range lo.lines {
		if l.Row >= len(lo.rows) {
			continue
		}
		row := lo.rows[l.Row]
		for c := 1; c+1 < len(row); c++ {
			if row[c] != ' ' || row[c-1] == ' ' || row[c+1] == ' ' {
				continue
			}
			x0 := max(0, int(lo.cellX(l.Row, c)))
			x1 := min(img.W-1, int(lo.cellX(l.Row, c)+g.Pitch))
			y0 := max(0, int(l.Y+0.15*g.LinePitch))
			y1 := min(img.H-1, int(l.Y+0.6*g.LinePitch))
			// (a thin letter with a foot, "l" in many fonts, that the recogniser lost has the
			// stroke too, and its stem above it: an underscore has no ink over the baseline's
			// band)
			m0, m1 := int(float64(x0)+0.25*g.Pitch), int(float64(x0)+0.75*g.Pitch)
			stemTop, stemBot := max(0, int(l.Y-0.3*g.LinePitch)), min(img.H-1, int(l.Y))
			if hasStroke(img, x0, y0, x1, y1, int(0.45*g.Pitch)) && !hasInk(img, m0, stemTop, min(m1, img.W-1), stemBot) {
				row[c] = '_'
				lo.conf[l.Row][c] = min(lo.conf[l.Row][c-1], lo.conf[l.Row][c+1])
			}
		}
	}
}

// dropAfterStem drops a letter that stands between a class's automatic name and its number, or
// after the name: "conv2da_3" is "conv2d_3", "conv2da" is "conv2d" ("" when the name is none
// of these).
func dropAfterStem(name, class string) string {
	stem := stems(class)[0]
	rest, ok := strings.CutPrefix(name, stem)
	if !ok || rest == "" || !unicode.IsLetter(rune(rest[0])) {
		return name
	}
	if tail := rest[1:]; tail == "" || tail[0] == '_' && isDigitsOnly(tail[1:]) && len(tail) > 1 {
		return stem + tail
	}
	return name
}

// overlong reports whether the word the recogniser read at row, col has more characters than
// its box has cells: it added one.
func (lo *layout) overlong(row, col int) bool {
	for _, pw := range lo.placed {
		if pw.Row == row && pw.Col == col {
			return pw.Cells > 0 && float64(len(pw.Text)) > pw.Cells+0.5
		}
	}
	return false
}

// fits reports whether the word the recogniser read at row, col has as many characters as its
// box has cells: it added none.
func (lo *layout) fits(row, col int) bool {
	for _, pw := range lo.placed {
		if pw.Row == row && pw.Col == col {
			return pw.Cells > 0 && math.Abs(float64(len(pw.Text))-pw.Cells) < 0.5
		}
	}
	return false
}

// digitBefore reports whether t is a digit and an identifier after it.
func digitBefore(t string) bool {
	return len(t) > 1 && t[0] >= '0' && t[0] <= '9' && isIdentifier(t[1:])
}

// gluedFits reports whether the word the recogniser read at row, col runs a name into its class
// ("name(Class)", the space between them lost) and has as many characters as its box has cells:
// the box spans the space too, so the word holds a character the print did not write.
func (lo *layout) gluedFits(row, col int) bool {
	for _, pw := range lo.placed {
		if pw.Row == row && pw.Col == col {
			i := strings.IndexRune(string(pw.Text), '(')
			return i > 0 && pw.Text[i-1] != ' ' && lo.fits(row, col)
		}
	}
	return false
}

// overlongBy is how many characters the word the recogniser read at row, col has more than its
// box has cells (0 when it has none more, or none was placed there).
func (lo *layout) overlongBy(row, col int) int {
	for _, pw := range lo.placed {
		if pw.Row == row && pw.Col == col && pw.Cells > 0 {
			return max(0, int(math.Round(float64(len(pw.Text))-pw.Cells+0.3)))
		}
	}
	return 0
}

// dropRepeat removes a pair of characters read again (the word holds it besides) where the rest is
// exactly a Keras automatic name of the class, "<stem>" or "<stem>_<N>" ("addad_1" is "add_1").
func dropRepeat(name, class string) string {
	rs := []rune(name)
	stem := stems(class)[0]
	for k := 1; k+2 <= len(rs); k++ {
		if !strings.Contains(string(rs[:k])+string(rs[k+2:]), string(rs[k:k+2])) {
			continue // no pair read again
		}
		cand := string(rs[:k]) + string(rs[k+2:])
		base, num, _ := strings.Cut(cand, "_")
		if base == stem && (num == "" || isDigitsOnly(num)) && !strings.Contains(num, "_") {
			return cand
		}
	}
	return name
}

// tok is a word of a row of the layout and its column.
type tok struct {
	text string
	col  int
}

// rowTokens parts a row of the layout into its words, box lines aside.
func rowTokens(row []rune) []tok {
	var out []tok
	for c := 0; c < len(row); {
		if row[c] == ' ' || strings.ContainsRune("│┃", row[c]) {
			c++
			continue
		}
		start := c
		// (a class run into its name starts a token of its own: "dense_11(Dense)")
		for c < len(row) && row[c] != ' ' && !strings.ContainsRune("│┃", row[c]) && !(c > start && row[c] == '(' && unicode.IsLetter(at(row, c+1))) {
			c++
		}
		out = append(out, tok{string(row[start:c]), start})
	}
	return out
}

// numberNames gives back the numbers at the end of layer names that were read as letters
// (numberedNames), in the names and in the references to them.
func (lo *layout) numberNames() {
	type spot struct {
		row, col int
		text     string
	}
	var spots []spot
	for r, row := range lo.rows {
		ts := rowTokens(row)
		for k, t := range ts {
			if !isIdentifier(t.text) || strings.ContainsAny(t.text, "[…") {
				continue
			}
			named := k+1 < len(ts) && classTok(ts[k+1].text)
			if !named && lo.boxTop >= 0 && k == 0 && r+1 < len(lo.rows) {
				for _, u := range rowTokens(lo.rows[r+1]) {
					named = named || u.col == t.col && classTok(u.text)
				}
			}
			if named {
				spots = append(spots, spot{r, t.col, t.text})
			}
		}
	}
	names := make([]string, len(spots))
	for i, sp := range spots {
		names[i] = sp.text
	}
	fixed := numberedNames(names)
	renamed := map[string]string{}
	for i, sp := range spots {
		if fixed[i] != sp.text {
			copy(lo.rows[sp.row][sp.col:], []rune(fixed[i]))
			renamed[sp.text] = fixed[i]
		}
	}
	if len(renamed) == 0 {
		return
	}
	// the references: "lstml[0][0]"
	for _, row := range lo.rows {
		for _, t := range rowTokens(row) {
			i := strings.IndexByte(t.text, '[')
			if i <= 0 {
				continue
			}
			if to, ok := renamed[t.text[:i]]; ok && len(to) == i {
				copy(row[t.col:], []rune(to))
			}
		}
	}
}

// familyNames puts right the names a user numbered in turn ("pool1" … "pool4") where the
// recogniser misread one character of one between them ("poot2", "pools"): rows of the same class
// between two names of the family, as many as the numbers the family skips there, each one
// character from the name its place gives, are named so. The order of the rows and the count of
// names between give the numbers; what was read gives nothing else.
func (lo *layout) familyNames() {
	type spot struct {
		row, col    int
		text, class string
	}
	var spots []spot
	for r, row := range lo.rows {
		ts := rowTokens(row)
		for k, t := range ts {
			if !isIdentifier(t.text) || strings.ContainsAny(t.text, "[…") {
				continue
			}
			class := ""
			if k+1 < len(ts) && classTok(ts[k+1].text) {
				class = ts[k+1].text
			} else if lo.boxTop >= 0 && k == 0 && r+1 < len(lo.rows) {
				for _, u := range rowTokens(lo.rows[r+1]) {
					if u.col == t.col && classTok(u.text) {
						class = u.text
					}
				}
			}
			if class != "" {
				spots = append(spots, spot{r, t.col, t.text, strings.Trim(class, "()…")})
			}
		}
	}
	numbered := func(s string) (string, int, bool) {
		i := len(s)
		for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
			i--
		}
		if i == 0 || i == len(s) || len(s)-i > 3 {
			return "", 0, false
		}
		n, err := strconv.Atoi(s[i:])
		return s[:i], n, err == nil
	}
	for a := range spots {
		stem, i, ok := numbered(spots[a].text)
		if !ok {
			continue
		}
		// the next row of the class whose name is of the family
		var between []int
		for b := a + 1; b < len(spots); b++ {
			if spots[b].class != spots[a].class {
				continue
			}
			st, j, ok := numbered(spots[b].text)
			if ok && st == stem {
				if j-i-1 == len(between) && len(between) > 0 {
					lo.renameFamily(stem, i, func(k int) (int, int, string) {
						sp := spots[between[k]]
						return sp.row, sp.col, sp.text
					}, len(between))
				}
				break
			}
			between = append(between, b)
		}
	}
}

// renameFamily names the n rows between the family's number i and the next one stem+(i+1) … in
// turn, where each is one character from that name (else none is renamed).
func (lo *layout) renameFamily(stem string, i int, at func(int) (int, int, string), n int) {
	for k := 0; k < n; k++ {
		_, _, text := at(k)
		want := stem + strconv.Itoa(i+1+k)
		if len(text) != len(want) || charEdits(text, want) != 1 {
			return
		}
	}
	for k := 0; k < n; k++ {
		r, c, _ := at(k)
		copy(lo.rows[r][c:], []rune(stem+strconv.Itoa(i+1+k)))
	}
}

// charEdits is the number of characters to change to turn a into b, of the same length.
func charEdits(a, b string) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// unspelt reports whether the "l", "I" or "|" at i, which ends a part of a name, cannot be a
// letter there: it follows a small consonant other than l, r and w, and no word ends so ("fcl",
// "gapl", "embedl", "concatl", "identityl"; but "pool", "final", "cell", "ctrl", "bowl"). Names
// that end a part in a consonant and an l are the numbered names users give ("fc1", "gap1").
// An "i" after a consonant ends words ("multi", "semi") and is left to the glyph templates.
func unspelt(rs []rune, i int) bool {
	if i < 2 || !strings.ContainsRune("lI|", rs[i]) {
		return false
	}
	p := rs[i-1]
	return unicode.IsLower(p) && unicode.IsLetter(rs[i-2]) && !strings.ContainsRune("aeioulrw", p)
}

// numberedNames reads as a 1 the "l", "I", "i" or "|" after a letter that ends a part of a name
// (its end, or before "_"), where another name of the page has the same beginning followed by a
// digit ("lstm2" for "lstml"), or where no word ends so (unspelt). How many names end in numbers is no evidence: VGG's "block1_pool"
// stands among "block1_conv1" and "fc1". The names keep their order.
func numberedNames(names []string) []string {
	stems := map[string]bool{} // beginnings of names that a digit follows
	for _, n := range names {
		rs := []rune(n)
		for i := 1; i < len(rs); i++ {
			if unicode.IsDigit(rs[i]) && unicode.IsLetter(rs[i-1]) {
				stems[string(rs[:i])] = true
			}
		}
	}
	out := make([]string, len(names))
	for k, n := range names {
		rs := []rune(n)
		for i := 1; i < len(rs); i++ {
			if !strings.ContainsRune("lIi|", rs[i]) || !unicode.IsLetter(rs[i-1]) || !endOfPart(rs, i) {
				continue
			}
			if stems[string(rs[:i])] || unspelt(rs, i) {
				rs[i] = '1'
			}
		}
		out[k] = string(rs)
	}
	return out
}

// classTok reports whether a token is a class cell: "(Conv2D)", "(BatchNormalizatio…", not a
// shape.
func classTok(t string) bool {
	return strings.HasPrefix(t, "(") && unicode.IsUpper(at([]rune(t), 1)) && !strings.HasPrefix(t, "(None")
}

// fixNames corrects, once the words stand in their cells and their underscores are back, each
// layer name by the class beside it ("convolutionld_1 (Convolution1D)") and each reference by the
// layers of the page, in place.
func (lo *layout) fixNames(fx *fixer) {
	tokens := rowTokens
	var names []string
	var spots []nameSpot
	fix := func(r int, name *tok, class string) {
		row := lo.rows[r]
		// rename writes a name the recogniser read longer in its cells, over what it read
		rename := func(fixed string) {
			n := utf8.RuneCountInString(name.text)
			for c := name.col; c < name.col+n; c++ {
				row[c] = ' '
			}
			copy(row[name.col:], []rune(fixed))
			name.text = fixed
		}
		cls := strings.Trim(class, "()…")
		for _, full := range nameClass(fx.completions(cls), name.text) {
			// a letter the recogniser added after the automatic name, in a word longer than its
			// box ("conv2da_3" of a Conv2D)
			if fixed := dropAfterStem(name.text, full); fixed != name.text && lo.overlong(r, name.col) {
				rename(fixed)
			}
			if fixed := restem(fixName(name.text, full), full); fixed != name.text {
				copy(row[name.col:], []rune(fixed))
				name.text = fixed
			}
			// a character the recogniser added ("Fflatten_1" of a Flatten); a name whose box has
			// as many cells as it has characters has none added ("up_sampling2_d1" is a user's
			// name of an UpSampling2D, not "up_sampling2d1")
			// (a name run into its class, "1lstm_1(LSTM)", that fills the cells of the name, the
			// space and the class has a character more than the print put there)
			if fixed := dropExtra(name.text, full); fixed != name.text && (!lo.fits(r, name.col) || lo.gluedFits(r, name.col)) {
				rename(fixed)
			}
			// two characters the recogniser read twice ("addad_1" of an Add, in a box of seven
			// cells): a name longer than its box by two that, without a repeated pair, is
			// exactly the class's automatic name
			if fixed := dropRepeat(name.text, full); fixed != name.text && lo.overlongBy(r, name.col) == 2 {
				rename(fixed)
			}
			// one glyph read as two ("conv2qa_5" of a Conv2D's "conv2d_5"), a character too many
			// for the box: the one automatic name a character dropped and one put right give
			if fixed := dropOne(name.text, full); fixed != name.text && lo.overlongBy(r, name.col) == 1 {
				rename(fixed)
			}
			// a name the print cut, with a character added ("gilobal_average_p…",
			// "grouped__query_atte…"): the print fills the column with a cut name, so the word is
			// a character longer than its box, and one character dropped gives the start of the
			// class's automatic name
			if fixed := dropOneCut(name.text, full); fixed != name.text && (lo.overlongBy(r, name.col) == 1 || lo.touchesBar(r, name.col, name.text)) {
				rename(fixed)
			}
			// an "l" read as its capital ("glLobal_max_pooling2d", "g_Lobal_max_pooLi…"): an
			// automatic name is small letters only
			if fixed := unLTo(name.text, func(s string) bool { return isSchemeName(s, full) || isCutSchemeName(s, full) }); fixed != name.text {
				rename(fixed)
			}
			if isSchemeName(name.text, full) {
				lo.decide(r, name.col, name.text)
			}
		}
		names = append(names, name.text)
		spots = append(spots, nameSpot{r, name.col, name.text, cls})
	}
	for r, row := range lo.rows {
		ts := tokens(row)
		for k := 0; k < len(ts); k++ {
			classNext := k+1 < len(ts) && classTok(ts[k+1].text)
			// (a digit read before a name beside its class, "1lstm_1(LSTM)", is dropExtra's to judge)
			if !isIdentifier(ts[k].text) && !(classNext && digitBefore(ts[k].text)) {
				continue
			}
			if classNext {
				fix(r, &ts[k], lo.classCell(fx, r, ts[k+1], ts[k].text))
				continue
			}
			// a Keras 3 box wraps the class under its name, in the same cell (its "(" read in
			// the space the box leaves before its line, when the class fills the cell)
			if lo.boxTop >= 0 && k == 0 && r+1 < len(lo.rows) {
				for _, u := range tokens(lo.rows[r+1]) {
					if (u.col == ts[k].col || u.col == ts[k].col-1 && cellStart(lo.rows[r+1], u.col)) && classTok(u.text) {
						class := lo.classCell(fx, r+1, u, ts[k].text)
						if len(ts) > 1 {
							lo.joinSpaced(fx, r, &ts[0], ts[1], class)
						}
						fix(r, &ts[k], class)
					}
				}
			}
			// a nested model's row wraps its class under the cell's start, left of its "└"
			if lo.boxTop >= 0 && k == 1 && ts[0].text == "└" && r+1 < len(lo.rows) {
				if us := tokens(lo.rows[r+1]); len(us) > 0 && us[0].col <= ts[0].col && classTok(us[0].text) {
					fix(r, &ts[k], lo.classCell(fx, r+1, us[0], ts[k].text))
				}
			}
		}
	}
	lo.namesByRefs(fx, spots, names)
	for _, row := range lo.rows {
		for _, t := range tokens(row) {
			if !strings.Contains(t.text, "[") || !isIdentifier(t.text) {
				continue
			}
			fixed := fx.fixRef(t.text, names)
			n, m := utf8.RuneCountInString(t.text), utf8.RuneCountInString(fixed)
			if fixed == t.text || m > n && strings.TrimSpace(string(row[t.col+n:min(len(row), t.col+m)])) != "" {
				continue // no room for a longer one
			}
			for k := t.col; k < t.col+n; k++ {
				row[k] = ' '
			}
			for k, r := range []rune(fixed) {
				if t.col+k < len(row) {
					row[t.col+k] = r
				}
			}
		}
	}
}

// joinSpaced joins a Keras 3 layer name that the recogniser parted where it read a glyph as a
// space ("i put_layer", "max_pooli g2d" over their wrapped classes): the print puts no space in
// a name, and nothing else in its cell beside it, so two words of the name's cell one space
// apart, with that space given the glyph of the class's automatic name there, that spell that
// name (its number aside) are one name. So are two such words that spell it as they stand, the
// second one read a character longer than its box.
func (lo *layout) joinSpaced(fx *fixer, r int, name *tok, next tok, class string) {
	a, b := []rune(name.text), []rune(next.text)
	core, cut := strings.CutSuffix(next.text, "…")
	if next.col != name.col+len(a)+1 || !isIdentifier(name.text) || !isIdentifier(core) || strings.Contains(core, "[") {
		return
	}
	for _, full := range fx.completions(strings.Trim(class, "()…")) {
		stem := []rune(stems(full)[0])
		if len(a) >= len(stem) {
			continue
		}
		cand := string(a) + string(stem[len(a)]) + string(b)
		if cut || !isSchemeName(cand, full) {
			// or the glyph was read with the next word, which its box then holds one
			// character too many of, and is placed a cell right ("g" "lobal_max_pooling2d"; a
			// cut name, "g" "Lobal_max_pooLi…", then runs into the box line)
			scheme := func(s string) bool { return isSchemeName(s, full) || isCutSchemeName(s, full) }
			cand = unLTo(string(a)+string(b), scheme)
			if !scheme(cand) || !lo.overlong(r, next.col) && !(cut && lo.touchesBar(r, next.col, next.text)) {
				continue
			}
			if end := name.col + len(a) + len(b); end < len(lo.rows[r]) {
				lo.rows[r][end] = ' '
			}
		}
		copy(lo.rows[r][name.col:], []rune(cand))
		if r < len(lo.conf) {
			// the glyph given back is the class's, not read: in doubt
			if c := name.col + len(a); c < len(lo.conf[r]) {
				lo.conf[r][c] = min(lo.conf[r][c], DoubtConf-1)
			}
		}
		name.text = cand
		return
	}
}

// nameSpot is a layer name on the layout, with its class cell as read.
type nameSpot struct {
	row, col    int
	text, class string
}

// namesByRefs puts right, on the layout and in names (spots' texts), a layer name that the "Connected to" cells of the page name otherwise:
// where a reference names no row, is an automatic name of a row's class, and that row's name,
// which no reference names, is that name with one or two characters added ("conv2dad_1" beside
// references to "conv2d_1"), the row is named as the references name it. Two readings agree on
// the name, and the class's naming scheme gives it.
func (lo *layout) namesByRefs(fx *fixer, spots []nameSpot, names []string) {
	named := map[string]bool{}
	for _, sp := range spots {
		named[sp.text] = true
	}
	refs := map[string]bool{}
	for _, row := range lo.rows {
		for _, t := range rowTokens(row) {
			if i := strings.IndexByte(t.text, '['); i > 0 && isIdentifier(t.text) && !strings.HasSuffix(t.text[:i], "…") {
				refs[t.text[:i]] = true
			}
		}
	}
	for ref := range refs {
		if named[ref] {
			continue
		}
		found := -1
		for k, sp := range spots {
			if refs[sp.text] || !addedTo(ref, sp.text) && !(utf8.RuneCountInString(sp.text) >= 4 && within(sp.text, ref, 3)) {
				continue
			}
			scheme := false
			for _, full := range fx.completions(sp.class) {
				scheme = scheme || isSchemeName(ref, full) && !isSchemeName(sp.text, full)
			}
			// a name run into its class ("Conv_55(Conv2D)"): the print leaves a space between
			// them, which the recogniser read as the name's last character; a user's name too
			n := utf8.RuneCountInString(sp.text)
			glued := n == utf8.RuneCountInString(ref)+1 && strings.HasPrefix(sp.text, ref) && at(lo.rows[sp.row], sp.col+n) == '('
			if !scheme && !glued {
				continue
			}
			if found >= 0 {
				found = -2 // two rows it may be: neither
				break
			}
			found = k
		}
		if found < 0 {
			continue
		}
		sp := spots[found]
		row := lo.rows[sp.row]
		if n, m := utf8.RuneCountInString(sp.text), utf8.RuneCountInString(ref); m > n && strings.ContainsAny(string(row[min(len(row), sp.col+n):min(len(row), sp.col+m+1)]), "(│|") {
			continue // no room for the longer name (its class stands beside it); what the recogniser
			// made of the characters it lost ("activatio 2") is written over
		}
		for c := sp.col; c < sp.col+utf8.RuneCountInString(sp.text) && c < len(row); c++ {
			row[c] = ' '
		}
		copy(row[sp.col:], []rune(ref))
		lo.decide(sp.row, sp.col, ref)
		names[found] = ref
	}
}

// addedTo reports whether got is want with one or two characters added.
func addedTo(want, got string) bool { return within(want, got, 2) }

// within reports whether got is want with one to n characters added.
func within(want, got string, n int) bool {
	a, b := []rune(want), []rune(got)
	if len(b) <= len(a) || len(b) > len(a)+n {
		return false
	}
	i := 0
	for _, r := range b {
		if i < len(a) && a[i] == r {
			i++
		}
	}
	return i == len(a)
}

// classCell reads a class cell on row r that matched no known class by the layer's name beside
// or above it (fixer.classByName), in place; it returns the cell as it then reads.
func (lo *layout) classCell(fx *fixer, r int, cell tok, name string) string {
	core := strings.Trim(cell.text, "()…")
	if fx.classes[core] || !strings.HasSuffix(cell.text, ")") && len(fx.completions(core)) > 0 {
		return cell.text // a class, or the start of one where the print cut the cell
	}
	c, ok := fx.classByName(cell.text, name)
	if !ok {
		return cell.text
	}
	row := lo.rows[r]
	n := utf8.RuneCountInString(cell.text)
	for k := cell.col; k < cell.col+n && k < len(row); k++ {
		row[k] = ' '
	}
	for k, ch := range []rune(c) {
		if cell.col+k < len(row) {
			row[cell.col+k] = ch
		}
	}
	return c
}

// cellStart reports whether column col of a row starts its text: the row's first column, or one
// after a space or a box line.
func cellStart(row []rune, col int) bool {
	return col == 0 || col-1 < len(row) && strings.ContainsRune(" │┃", row[col-1])
}

// touchesBar reports whether the word at row, col runs up to the box line after it: a Keras 3 box
// leaves a space before each of its lines, so a word that fills that space is a character longer
// than the print wrote it (where the recogniser parted it, its pieces' boxes do not tell).
func (lo *layout) touchesBar(row, col int, word string) bool {
	if lo.boxTop < 0 || row >= len(lo.rows) {
		return false
	}
	end := col + utf8.RuneCountInString(word)
	if end < len(lo.rows[row]) && strings.ContainsRune("│┃", lo.rows[row][end]) {
		return true
	}
	return slices.Contains(lo.vcols, end)
}

// dropOneCut is the one start of class's automatic name, cut by the print ("…"), that a cut name
// becomes with one character dropped; name itself where there is none, or more than one, or
// name is one already.
func dropOneCut(name, class string) string {
	base, cut := strings.CutSuffix(name, "…")
	if !cut || isCutSchemeName(name, class) {
		return name
	}
	return oneDropped(name, base, func(d string) string { return d + "…" },
		func(c string) bool { return isCutSchemeName(c, class) })
}

// dropOne is the one automatic name of class (its stem and number) that name becomes with one
// character dropped and then at most one letter put right (restem); name itself where there is
// none, or more than one, or name is one already.
func dropOne(name, class string) string {
	if isSchemeName(name, class) {
		return name
	}
	return oneDropped(name, name, func(d string) string { return restem(fixName(d, class), class) },
		func(c string) bool { return isSchemeName(c, class) })
}

// oneDropped is the one name that s becomes with one character dropped and then mend applied,
// among those good accepts; name where there is none, or more than one.
func oneDropped(name, s string, mend func(string) string, good func(string) bool) string {
	rs := []rune(s)
	found := ""
	for i := range rs {
		cand := mend(string(rs[:i]) + string(rs[i+1:]))
		if !good(cand) || cand == found {
			continue
		}
		if found != "" {
			return name
		}
		found = cand
	}
	if found == "" {
		return name
	}
	return found
}

// isSchemeName reports whether a layer name is exactly an automatic name of its class, "<stem>" or
// "<stem>_<N>" (Keras 2 and 3: "leaky_re_lu", "dense_1").
func isSchemeName(name, class string) bool {
	base := name
	if k := strings.LastIndexByte(name, '_'); k > 0 && isDigitsOnly(name[k+1:]) {
		base = name[:k]
	}
	return base == stems(class)[0] || base == stems(class)[1]
}

// decide marks the cells of a name its class decided.
func (lo *layout) decide(r, col int, name string) {
	if lo.decided == nil {
		lo.decided = map[[2]int]bool{}
	}
	for k := range utf8.RuneCountInString(name) {
		lo.decided[[2]int{r, col + k}] = true
	}
}

func at(row []rune, c int) rune {
	if c < len(row) {
		return row[c]
	}
	return ' '
}

// nameClass narrows the classes a cut class cell can be to the one a TensorFlow.js automatic
// name spells ("leaky_re_lu_LeakyReLU1" beside "(Lea" is a LeakyReLU, not a LeakyRelu, whose
// automatic name "leaky_relu" would have the name's "_" dropped).
func nameClass(fulls []string, name string) []string {
	k := strings.LastIndexByte(name, '_')
	if len(fulls) < 2 || k < 0 {
		return fulls
	}
	part := strings.TrimRightFunc(name[k+1:], unicode.IsDigit)
	for _, c := range fulls {
		if c == part {
			return []string{c}
		}
	}
	return fulls
}

// restem puts right the one letter the recogniser misread in a Keras automatic name beside its
// class, "<stem>" or "<stem>_<N>" ("Gense_1" of a Dense is "dense_1", "aropout" of a Dropout is
// "dropout"): a letter for a letter, in a stem of four letters or more. A user's name one
// letter from the stem is as unlikely as a layer named so beside another class.
func restem(name, class string) string {
	base, suffix := name, ""
	if k := strings.LastIndexByte(name, '_'); k > 0 && isDigitsOnly(name[k+1:]) {
		base, suffix = name[:k], name[k:]
	}
	for _, stem := range stems(class)[:1] {
		a, b := []rune(stem), []rune(base)
		if len(a) < 4 || len(a) != len(b) {
			continue
		}
		diff, at := 0, -1
		for i := range a {
			if a[i] != b[i] {
				diff++
				at = i
			}
		}
		if diff == 1 && unicode.IsLetter(b[at]) && unicode.IsLetter(a[at]) && unicode.ToLower(a[at]) != unicode.ToLower(b[at]) {
			return stem + suffix
		}
	}
	return name
}

// dropExtra removes the one character whose removal makes a name start as its class's automatic
// names do, where it does not already: "Fflatten_1" of a Flatten is "flatten_1".
func dropExtra(name, class string) string {
	rs := []rune(name)
	starts := func(rs []rune) bool {
		for _, stem := range stems(class)[:2] {
			s := []rune(stem)
			if len(rs) >= len(s) && onlyConfusions(stem, string(rs[:len(s)])) {
				return true
			}
		}
		return false
	}
	if len(rs) < 3 || starts(rs) {
		return name
	}
	for k := range rs {
		cand := append(append([]rune(nil), rs[:k]...), rs[k+1:]...)
		if starts(cand) {
			return fixName(string(cand), class)
		}
	}
	// the letter before a stem read as a capital ("GDropout_3" of a Dropout is "dropout_3")
	if len(rs) > 1 && unicode.IsUpper(rs[1]) {
		stem := []rune(stems(class)[0])
		if rest := rs[1:]; len(rest) >= len(stem) && strings.EqualFold(string(rest[:len(stem)]), string(stem)) {
			return fixName(string(stem)+string(rest[len(stem):]), class)
		}
	}
	return name
}

// hasStroke reports whether a row of the region holds a run of ink at least n pixels long.
func hasStroke(img *gray, x0, y0, x1, y1, n int) bool {
	for y := y0; y <= y1; y++ {
		run := 0
		for x := x0; x <= x1; x++ {
			if img.Pix[y*img.W+x] < 128 {
				run++
				if run >= n {
					return true
				}
			} else {
				run = 0
			}
		}
	}
	return false
}

// hasInk reports whether the region holds any ink.
func hasInk(img *gray, x0, y0, x1, y1 int) bool {
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			if img.Pix[y*img.W+x] < 128 {
				return true
			}
		}
	}
	return false
}

// stripBars takes off the words what the recogniser made of the box lines: a word of one
// character on a line, a character at either end of a word that lies on a line.
func stripBars(words []Word, lines []VLine, pitch, glyph float64) []Word {
	var out []Word
	for _, w := range words {
		keep := true
		for _, v := range lines {
			// (the header of a Keras 3 table may stand lines above the first box line that was drawn:
			// its own lines are heavy, which some fonts lack)
			cy, x := w.CenterY(), float64(v.X)
			if cy < float64(v.Y0)-12*glyph || cy > float64(v.Y1)+glyph || x < float64(w.Left)-0.3*pitch || x > float64(w.Right())+0.3*pitch {
				continue
			}
			rs := []rune(w.Text)
			switch {
			case len(rs) <= 1:
				keep = false
			case x < float64(w.Left)+0.8*pitch && strings.ContainsRune(barLike, rs[0]):
				w.Text = string(rs[1:])
				w.Left += int(pitch)
				w.Width -= int(pitch)
			case x > float64(w.Right())-0.8*pitch && strings.ContainsRune(barLike, rs[len(rs)-1]):
				w.Text = string(rs[:len(rs)-1])
				w.Width -= int(pitch)
			}
			if !keep {
				break
			}
		}
		if keep && w.Text != "" && w.Width > 0 {
			out = append(out, w)
		}
	}
	return out
}

// barLike are the characters a box line (or what is left of it, or a font's missing-glyph box
// in its place) is read as.
const barLike = "|│┃Il![]1ij{}CcO0oD¢©"

// drawWords writes the words of a text line at their columns. In a box table, a character the
// recogniser made of a box line is dropped, and a word that lands on a box line by a column is
// moved off it.
func (lo *layout) drawWords(l textLine) {
	inBox := lo.boxTop >= 0 && l.Row > lo.boxTop && l.Row < lo.boxBottom
	end := 0
	for _, w := range l.Words {
		text := w.Text
		col := lo.wordCol(w) - lo.origin
		if inBox {
			text, col = lo.offBars(text, col)
			if text == "" {
				continue
			}
		}
		col = max(col, end)
		if w.joined {
			col = max(col, end+1)
		}
		for i, r := range []rune(text) {
			lo.put(l.Row, col+i, r, w.Conf)
		}
		n := utf8.RuneCountInString(text)
		cells := float64(w.Width)/lo.grid.Pitch + 0.3
		lo.placed = append(lo.placed, placedWord{Row: l.Row, Col: col, Text: []rune(text), Conf: w.Conf, Cells: cells,
			Exact: text == w.Text && math.Abs(cells-float64(n)) < 0.5 && !w.ligature, Known: w.known, Scheme: w.scheme})
		end = col + n
	}
}

// offBars takes a word off the box lines of its row.
func (lo *layout) offBars(text string, col int) (string, int) {
	rs := []rune(text)
	isBar := func(c int) bool {
		for _, v := range lo.vcols {
			if v == c {
				return true
			}
		}
		return false
	}
	// a word of one character on a box line is the line (no text is there: cells are padded)
	if len(rs) == 1 && isBar(col) {
		return "", col
	}
	// a box line read as a character at either end
	for len(rs) > 0 && isBar(col) && strings.ContainsRune(barLike, rs[0]) {
		rs = rs[1:]
		col++
	}
	for len(rs) > 0 && isBar(col+len(rs)-1) && strings.ContainsRune(barLike, rs[len(rs)-1]) {
		rs = rs[:len(rs)-1]
	}
	if len(rs) == 0 {
		return "", col
	}
	// a word one column off: moved next to the line it touches
	if isBar(col) {
		col++
	} else if isBar(col + len(rs) - 1) {
		col--
	}
	return string(rs), col
}

// finishBox writes the box lines of a Keras 3 table: the top border and the header's
// separator (heavy), the header's bars, the rows' bars and separators, the bottom border.
func (lo *layout) finishBox() {
	if lo.boxTop < 0 {
		return
	}
	header := -1
	for r := lo.boxTop; r < lo.boxBottom && r < lo.boxTop+6; r++ {
		if lo.rowIsHeader(r) {
			header = r
			break
		}
	}
	left, right := lo.vcols[0], lo.vcols[len(lo.vcols)-1]
	ruleAt := map[int]bool{}
	for _, r := range lo.rules {
		if r.Box {
			ruleAt[r.Row] = true
		}
	}
	sep := -1 // the header's separator
	if header >= 0 {
		if header == 0 || !lo.blankOrJunk(header-1, left, right) && !lo.junkRow(header-1, left, right) && !ruleAt[header-1] {
			lo.insertRow(header)
			header++
			ruleAt = shiftKeys(ruleAt, header-1)
		}
		lo.boxTop = header - 1
		for r := header + 1; r < lo.boxBottom; r++ {
			if ruleAt[r] || lo.blankOrJunk(r, left, right) || r == header+1 && lo.junkRow(r, left, right) {
				// Keras prints the heavy rule right under its header: a line of junk there is it
				sep = r
				break
			}
		}
	}
	for r := lo.boxTop; r <= lo.boxBottom; r++ {
		switch {
		case r == lo.boxTop && header >= 0:
			lo.rule(r, left, right, '━', '┏', '┳', '┓')
		case r == sep:
			lo.rule(r, left, right, '━', '┡', '╇', '┩')
		case r == lo.boxBottom:
			lo.rule(r, left, right, '─', '└', '┴', '┘')
		case ruleAt[r]:
			lo.rule(r, left, right, '─', '├', '┼', '┤')
		case header >= 0 && r < sep || header >= 0 && sep < 0 && r == header:
			lo.bars(r, '┃')
		default:
			lo.bars(r, '│')
		}
	}
}

func shiftKeys(m map[int]bool, from int) map[int]bool {
	out := map[int]bool{}
	for k, v := range m {
		if k >= from {
			k++
		}
		out[k] = v
	}
	return out
}

// insertRow inserts an empty line before row r.
func (lo *layout) insertRow(r int) {
	for len(lo.rows) < r {
		lo.rows = append(lo.rows, nil)
		lo.conf = append(lo.conf, nil)
	}
	lo.rows = append(lo.rows[:r], append([][]rune{nil}, lo.rows[r:]...)...)
	lo.conf = append(lo.conf[:r], append([][]float64{nil}, lo.conf[r:]...)...)
	for i := range lo.lines {
		if lo.lines[i].Row >= r {
			lo.lines[i].Row++
		}
	}
	for i := range lo.placed {
		if lo.placed[i].Row >= r {
			lo.placed[i].Row++
		}
	}
	for i := range lo.rules {
		if lo.rules[i].Row >= r {
			lo.rules[i].Row++
		}
	}
	if lo.boxBottom >= r {
		lo.boxBottom++
	}
}

func (lo *layout) rowIsHeader(r int) bool {
	for _, l := range lo.lines {
		if l.Row == r {
			return isHeaderLine(l.Words)
		}
	}
	return false
}

// blankOrJunk reports whether a row holds no text between the table's edges: empty, or only
// what the recogniser made of box lines a font could not draw (rows of "□" read as "oooo").
func (lo *layout) blankOrJunk(r, left, right int) bool {
	if r < 0 || r >= len(lo.rows) {
		return true
	}
	s := string(lo.rows[r][min(len(lo.rows[r]), left):min(len(lo.rows[r]), right+1)])
	for _, f := range strings.Fields(s) {
		if !junkWord(f) {
			return false
		}
	}
	return true
}

// junkText reports whether a line's text is, as a whole, what the recogniser makes of a row of
// missing-glyph boxes, though some of its words alone look like text: round letters and zeros at
// least twice as many as the other letters and digits ("0ccad 33] 0 C acc3 00 oC€"), or one or
// two letters over and over ("ssssscsss Ss sss", "h-l-h-l-h": small boxes). No line of a summary
// is either.
func junkText(s string) bool {
	round, other, letters := 0, 0, 0
	count := map[rune]int{}
	for _, r := range s {
		switch {
		case strings.ContainsRune(roundRunes, r):
			round++
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			other++
		}
		if unicode.IsLetter(r) {
			letters++
			count[unicode.ToLower(r)]++
		}
	}
	first, second := 0, 0 // the counts of the two most frequent letters
	for _, n := range count {
		switch {
		case n > first:
			first, second = n, first
		case n > second:
			second = n
		}
	}
	return round >= 6 && round >= 2*other || letters >= 12 && (first+second)*10 >= 7*letters
}

// roundRunes are what the recogniser reads a missing-glyph box or a piece of a box line as.
const roundRunes = "oO0DQCGEcgeaQ6@©®€¢□○°L"

// junkRow reports whether row r reads, between the table's edges, as junk as a whole (junkText).
func (lo *layout) junkRow(r, left, right int) bool {
	if r < 0 || r >= len(lo.rows) {
		return false
	}
	return junkText(string(lo.rows[r][min(len(lo.rows[r]), left):min(len(lo.rows[r]), right+1)]))
}

// junkWord reports whether a word is what the recogniser makes of a row of box lines or of
// missing-glyph boxes, not text.
func junkWord(w string) bool {
	other, round := 0, 0
	for _, r := range w {
		switch {
		case strings.ContainsRune(roundRunes, r):
			round++
		case strings.ContainsRune("|│┃Il[]{}()_-=—–~.,:;'\"`*", r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			other++
		}
	}
	n := utf8.RuneCountInString(w)
	switch {
	case other == 0 && round == 0:
		return n >= 3 || !strings.ContainsAny(w, "#")
	case n >= 6:
		return other*4 <= round // a row of boxes read as letters: "oOoo0oogogoOnDo"
	}
	return other == 0 && (round <= 2 || n >= 3)
}

// rule writes a box rule on row r from column left to right, with junctions at the bars.
func (lo *layout) rule(r, left, right int, line, first, mid, last rune) {
	// what the recogniser read on a rule's row, in the box or beside it, is not text
	if r < len(lo.rows) {
		for c := range lo.rows[r] {
			lo.rows[r][c] = ' '
		}
	}
	for c := left; c <= right; c++ {
		lo.put(r, c, line, 100)
	}
	for _, v := range lo.vcols {
		ch := mid
		switch v {
		case left:
			ch = first
		case right:
			ch = last
		}
		lo.put(r, v, ch, 100)
	}
}

// bars writes the box lines on a text row.
func (lo *layout) bars(r int, bar rune) {
	for _, v := range lo.vcols {
		if c := lo.at(r, v); c == ' ' || strings.ContainsRune(barLike, c) || junkWord(string(c)) {
			lo.put(r, v, bar, 100)
		}
	}
}
