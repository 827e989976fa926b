package ocr

import (
	"math"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// This file is the reading of OCR text that the text itself corrects: characters the recogniser
// confuses (1 l I |, 0 O o) put right where the context says which one it must be, class names
// matched to the known classes, the automatic layer names that follow from the class, and cells
// the recogniser ran together.

// confusable reports whether OCR mistakes a for b (and b for a) in a monospace print.
func confusable(a, b rune) bool {
	group := func(r rune) int {
		switch r {
		case '1', 'l', 'I', 'i', '|', '!', 'j', 'L':
			return 1
		case '0', 'O', 'o', 'Q', 'D', '@', '©', '®':
			return 2
		case '5', 'S', 's':
			return 3
		case '8', 'B':
			return 4
		case '2', 'Z', 'z':
			return 5
		case '[', '{', '(':
			return 6
		case ']', '}', ')':
			return 7
		}
		return 0
	}
	ga := group(a)
	return ga != 0 && ga == group(b)
}

// subCost is the cost of reading want as got.
func subCost(want, got rune) float64 {
	switch {
	case want == got:
		return 0
	case unicode.ToLower(want) == unicode.ToLower(got), confusable(want, got):
		return 0.3
	}
	return 1
}

// distance is the edit distance from want to got, where confusable characters cost little.
func distance(want, got string) float64 {
	a, b := []rune(want), []rune(got)
	prev := make([]float64, len(b)+1)
	cur := make([]float64, len(b)+1)
	for j := range prev {
		prev[j] = float64(j)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = float64(i)
		for j := 1; j <= len(b); j++ {
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+subCost(a[i-1], b[j-1]))
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// fixer corrects the words of one picture's lines.
type fixer struct {
	classes map[string]bool
	list    []string
	seen    map[string]bool // the classes read on the page
	pitch   float64         // the width of a character cell, in the picture's pixels
}

func newFixer(classes []string) *fixer {
	f := &fixer{classes: map[string]bool{}}
	for _, c := range append(classes, "Sequential", "Functional", "Model", "InputLayer") {
		if !f.classes[c] {
			f.classes[c] = true
			f.list = append(f.list, c)
		}
	}
	return f
}

// withPitch sets the cell width of the picture's print (for tests).
func (f *fixer) withPitch(p float64) *fixer {
	f.pitch = p
	return f
}

// class matches a class name as read (perhaps cut by the print: "BatchNormalizatio…", or a
// TensorFlow.js cell "(MaxPooli") to the one known class it is nearest to. ok is false when
// none is near enough, or two are.
func (f *fixer) class(read string, cut bool) (string, bool) {
	if f.classes[read] || len(f.list) == 0 {
		return read, f.classes[read]
	}
	n := utf8.RuneCountInString(read)
	if n < 3 {
		return "", false
	}
	dist := map[string]float64{} // by the name as it would be read (cut)
	for _, c := range f.list {
		want := c
		if cut && utf8.RuneCountInString(c) > n {
			want = string([]rune(c)[:n])
		}
		if _, seen := dist[want]; !seen {
			dist[want] = distance(want, read)
		}
	}
	best, second, name := 1e9, 1e9, ""
	for want, d := range dist {
		switch {
		case d < best || d == best && want < name:
			if name != "" {
				second = min(second, best)
			}
			best, name = d, want
		case d < second:
			second = d
		}
	}
	if best <= 0.2*float64(n)+0.35 && second-best >= 0.5 {
		return name, true
	}
	return "", false
}

// fixPage corrects the words of every line: each line in its own context, then the references
// of "Connected to" cells ("dense_1[0][0]") by the layer names and classes of the page.
func (f *fixer) fixPage(lines []textLine) {
	f.seen = map[string]bool{}
	var names []string
	for i := range lines {
		lines[i].Words = f.fixLine(lines[i].Words)
		if ws := lines[i].Words; len(ws) > 0 {
			names = append(names, ws[0].Text)
		}
	}
	for i := range lines {
		for k, w := range lines[i].Words {
			if k > 0 {
				lines[i].Words[k].Text = f.fixRef(w.Text, names)
			}
		}
	}
}

// classByName reads a class cell that matched no class by the row's name: the one class whose
// automatic name ("<stem>" or "<stem>_<N>") the name is, where the cell is no farther from it
// than half its letters.
func (f *fixer) classByName(cell, name string) (string, bool) {
	core := strings.TrimSuffix(strings.TrimPrefix(cell, "("), ")")
	closed := strings.HasSuffix(cell, ")")
	if name == "" || core == "" || !isIdentifier(name) || strings.ContainsAny(core, "([…") {
		return "", false
	}
	base := name
	if k := strings.LastIndexByte(name, '_'); k > 0 && isDigitsOnly(digitsIn(name[k+1:])) {
		base = name[:k]
	}
	// (the name as read: a character too many or too few is allowed in a long stem)
	// (a TensorFlow.js automatic name, "<stem>_<Class><N>", names its class in its class part)
	// (a class whose automatic name the name is exactly goes before those a character from it:
	// "leaky_re_lu" is LeakyReLU's, and only near the op LeakyRelu's "leaky_relu")
	auto := f.tfjsAutoClass(name)
	found := auto
	if found == "" {
		found = f.classOfStem(base, func(stem string) bool { return stem == base })
	}
	if found == "" {
		found = f.classOfStem(base, func(stem string) bool {
			return utf8.RuneCountInString(stem) >= 6 && distance(stem, base) <= 1
		})
	}
	if found == "" || distance(found, core) > 0.5*float64(utf8.RuneCountInString(found)) {
		return "", false
	}
	if closed {
		return "(" + found + ")", true
	}
	return "(" + found, true
}

// classOfStem is the one class whose automatic name's stem is near base by near ("" for none, or
// more than one).
func (f *fixer) classOfStem(base string, near func(stem string) bool) string {
	found := ""
	for _, c := range f.list {
		if near(stems(c)[0]) {
			if found != "" && found != c {
				return ""
			}
			found = c
		}
	}
	return found
}

// tfjsAutoClass is the class a TensorFlow.js automatic name "<stem>_<Class><N>" names, its stem
// the class's own ("" for none).
func (f *fixer) tfjsAutoClass(name string) string {
	k := strings.LastIndexByte(name, '_')
	if k <= 0 {
		return ""
	}
	rest := name[k+1:]
	if c := rest[:numberStart(rest)]; c != rest && f.classes[c] && stems(c)[0] == name[:k] {
		return c
	}
	return ""
}

// fixRef corrects a reference to a layer, "name[0][0]", "name[0][0],": the name to the layer of
// the page it can only be a misreading of, else by the automatic names of the page's classes;
// the indexes as digits.
func (f *fixer) fixRef(t string, names []string) string {
	i := strings.IndexByte(t, '[')
	if i <= 0 || !strings.HasSuffix(strings.TrimRight(t, ",…"), "]") {
		return t
	}
	name, idx := t[:i], t[i:]
	if strings.Contains(strings.ToLower(idx), "nul") || strings.HasPrefix(idx, "[[") {
		return t // a TensorFlow.js shape run into a name, no reference's indexes
	}
	idx = strings.NewReplacer("o", "0", "O", "0", "Q", "0", "l", "1", "I", "1", "|", "1", "(", "[", ")", "]", "{", "[", "}", "]", "j", "]", "J", "]").Replace(idx)
	// a layer of the page: the one name it is a misreading of (a character confused, added or lost)
	best, bestD, second := "", 1e9, 1e9
	for _, n := range names {
		if n == name {
			return n + idx
		}
		d := distance(n, name)
		switch {
		case d < bestD:
			best, second, bestD = n, bestD, d
		case d < second && n != best:
			second = d
		}
	}
	if best != "" && bestD <= 1.3 && second-bestD >= 0.7 && utf8.RuneCountInString(best) >= 4 {
		return best + idx
	}
	for c := range f.seen {
		name = fixName(name, c)
	}
	return name + idx
}

// onlyConfusions reports whether got differs from want only by characters OCR confuses.
func onlyConfusions(want, got string) bool {
	a, b := []rune(want), []rune(got)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !confusable(a[i], b[i]) {
			return false
		}
	}
	return true
}

// vocabulary are the words every summary prints around its rows, besides the class names.
var vocabulary = map[string]bool{"Model:": true, "Layer": true, "(type)": true, "Output": true, "Shape": true, "shape": true,
	"Param": true, "Connected": true, "to": true, "Input": true, "Receives": true, "inputs": true, "Total": true,
	"Trainable": true, "Non-trainable": true, "params:": true, "Optimizer": true}

// nestMarkLookalikes are what the recogniser reads Keras 3's "└" as: a letter or a bar of its
// upright stroke, a dash of its foot, or a quote or comma of a faint small glyph. No layer's name
// is a word of its own before another name and a class.
const nestMarkLookalikes = "L|l└I-—–'\"‘’“”`,."

// fixLine corrects the words of one line in their context.
// A line that starts "L name (Class)", "- name (Class)" or "' name (Class)" is a row of a nested
// model whose "└" was read as a letter, a dash or a quote.
func (f *fixer) fixLine(ws []Word) []Word {
	ws = joinShapeComma(f.joinUnderscored(f.joinLost(joinParted(f.joinClass(splitMerged(ws, f.pitch)), f.pitch))), f.pitch)
	for i := range ws {
		ws[i].Text = undouble(ws[i].Text, ws[i].Width, f.pitch)
	}
	if len(ws) >= 3 && utf8.RuneCountInString(ws[0].Text) <= 2 && strings.ContainsAny(ws[0].Text, nestMarkLookalikes) && isIdentifier(ws[1].Text) &&
		classAfterName(ws[1:]) {
		ws[0].Text = "└"
	}
	inShape := false
	tfOpen := 0 // the brackets a TensorFlow.js shape left open at the word before
	for i := range ws {
		// a title with a box line (or a missing glyph's box) stuck to it: "¢Connected"
		for k := 1; k <= 2 && k < len(ws[i].Text); k++ {
			if rest := ws[i].Text[k:]; vocabulary[rest] && !strings.ContainsFunc(ws[i].Text[:k], unicode.IsLower) {
				ws[i].Text = rest
				ws[i].Left += int(float64(k) * f.pitch)
				ws[i].Width -= int(float64(k) * f.pitch)
				break
			}
		}
		t := ws[i].Text
		// a shape whose "(" was lost ("None, 5000)"): Keras prints None only inside one
		if (t == "None," || t == "None)") && f.pitch > 0 && (i == 0 || !strings.ContainsAny(ws[i-1].Text[max(0, len(ws[i-1].Text)-1):], "([{")) {
			t = "(" + t
			ws[i].Left -= int(f.pitch)
			ws[i].Width += int(f.pitch)
		}
		if isNoneWord(t) {
			t = fixNone(t)
			inShape = !strings.HasSuffix(t, ")")
			// its comma read as nothing: "(None" "512)"
			if t == "(None" && i+1 < len(ws) && unicode.IsDigit(firstRune(ws[i+1].Text)) {
				t += ","
			}
		} else if strings.Contains(strings.ToLower(t), "nul") || strings.HasPrefix(t, "[") && (i+1 < len(ws) || inShape) {
			if strings.HasPrefix(t, "nul") && f.pitch > 0 { // its "[" lost: it stood in the cell before
				ws[i].Left -= int(f.pitch)
				ws[i].Width += int(f.pitch)
			}
			t = fixNull(t)
			tfOpen = openBrackets(t, 0)
		} else if tfOpen > 0 && unicode.IsDigit(firstRune(t)) {
			t, tfOpen = closeShape(t, tfOpen)
		} else if inShape {
			t = digitsIn(t)
			if strings.HasSuffix(t, ")") {
				inShape = false
			}
		}
		if i > 0 && isIdentifier(ws[i-1].Text) {
			t = f.classParens(t)
		}
		if o := f.classOpener(t); o != t && (i == 0 || !strings.ContainsAny(ws[i-1].Text[max(0, len(ws[i-1].Text)-1):], "([{|")) {
			if !strings.HasPrefix(t, "{") && !strings.HasPrefix(t, "[") && !strings.HasPrefix(t, "(") {
				// the "(" was lost: it stands in the cell before
				ws[i].Left -= int(f.pitch)
				ws[i].Width += int(f.pitch)
			}
			t = o
		}
		next := ""
		if i+1 < len(ws) {
			next = ws[i+1].Text
		}
		if o := f.cutClassOpener(t, next); o != t && (i == 0 || !strings.ContainsAny(ws[i-1].Text[max(0, len(ws[i-1].Text)-1):], "([{|")) {
			ws[i].Left -= int(f.pitch)
			ws[i].Width += int(f.pitch)
			t = o
		}
		if c, ok := f.classWord(t); ok {
			t = c
			ws[i].known = f.classes[strings.Trim(c, "()")]
			for _, full := range f.completions(strings.Trim(c, "()…")) {
				if f.seen != nil {
					f.seen[full] = true
				}
				if i > 0 {
					ws[i-1].Text = fixName(ws[i-1].Text, full)
				}
			}
		} else if i == 0 || !strings.HasPrefix(t, "(") {
			t, ws[i].scheme = f.autoName(t)
			if ws[i].scheme {
				t = f.fitCut(f.fitSnake(t, ws[i].Width), ws[i].Width)
			} else {
				t, ws[i].scheme = f.cutBySnake(t, ws[i].Width)
			}
		}
		ws[i].Text = t
		if vocabulary[t] {
			ws[i].known = true
		}
	}
	return ws
}

// joinLost joins the two pieces of a layer name before its class cell that the recogniser parted
// where it lost a character ("gaussian_" "oisei" "(GaussianNoise)" of "gaussian_noise1"): the
// pieces stand a cell apart, and with the class's automatic name read into that cell they spell
// that name and what may follow it (its number, read as a digit where it is read as a letter).
func (f *fixer) joinLost(ws []Word) []Word {
	if f.pitch <= 0 || len(ws) < 3 || !isIdentifier(ws[0].Text) || !isIdentifier(ws[1].Text) || !strings.HasPrefix(ws[2].Text, "(") {
		return ws
	}
	gap := float64(ws[1].Left-ws[0].Right()) / f.pitch
	if gap < 0.6 || gap > 1.8 {
		return ws
	}
	c, ok := f.class(strings.Trim(ws[2].Text, "()…"), !strings.HasSuffix(ws[2].Text, ")"))
	if !ok {
		return ws
	}
	a := []rune(ws[0].Text)
	b := []rune(ws[1].Text)
	for _, full := range f.completions(c) {
		stem := []rune(stems(full)[0])
		cand := append(append(append([]rune(nil), a...), 0), b...)
		if len(a) == len(stem) && isDigitsOnly(digitsIn(string(b))) {
			cand[len(a)] = '_' // the "_" before the number, lost
		}
		if len(cand) < len(stem) || len(a) > len(stem) {
			continue
		}
		ok := true
		for k := range stem {
			if cand[k] != stem[k] && cand[k] != 0 && !confusable(cand[k], stem[k]) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		rest := string(cand[len(stem):])
		if strings.ContainsRune(rest, 0) {
			continue // the lost character is no part of the automatic name
		}
		if d := digitsIn(strings.TrimPrefix(rest, "_")); isDigitsOnly(d) {
			rest = rest[:len(rest)-len(strings.TrimPrefix(rest, "_"))] + d
		}
		w := ws[0].through(ws[1])
		w.Text = string(stem) + rest
		return append([]Word{w}, ws[2:]...)
	}
	return ws
}

// classAfterName reports whether a class cell follows the name that starts ws, after at most one
// other word, or two pieces of the name ("dense" "_" "2" "(Dense)": the recogniser may read the
// end of a name as words of their own).
func classAfterName(ws []Word) bool {
	piece := func(t string) bool {
		return t != "" && !strings.ContainsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' })
	}
	switch {
	case len(ws) > 1 && strings.HasPrefix(ws[1].Text, "("), len(ws) > 2 && strings.HasPrefix(ws[2].Text, "("):
		return true
	case len(ws) > 3 && strings.HasPrefix(ws[3].Text, "("):
		return piece(ws[1].Text) && piece(ws[2].Text)
	}
	return false
}

// joinUnderscored joins the pieces of a TensorFlow.js automatic name that starts a line whose
// underscores the recogniser read as spaces ("average" "poolingld" "AveragePo",
// "global_max_poolingld" "Global"): pieces a cell apart, the last one a class or the cut start
// of one, that together spell the class's scheme.
func (f *fixer) joinUnderscored(ws []Word) []Word {
	if f.pitch <= 0 || len(ws) < 2 || !isIdentifier(ws[0].Text) || strings.ContainsAny(ws[0].Text, "[…") {
		return ws
	}
	for k := min(3, len(ws)); k >= 2; k-- {
		parts := []string{ws[0].Text}
		ok := true
		for j := 1; j < k; j++ {
			gap := float64(ws[j].Left-ws[j-1].Right()) / f.pitch
			t := ws[j].Text
			if n := len(t); j == k-1 && n > 2 && strings.ContainsRune("]!", rune(t[n-1])) && unicode.IsLetter(rune(t[n-2])) {
				t = t[:n-1] + "1" // the number's "1" read as a closing bracket ("Activation]")
			}
			// (a box may overlap the next one: "global_max_poolingld" over "Global")
			if gap > 1.7 || ws[j].Left <= ws[j-1].Left || !isIdentifier(t) || strings.ContainsAny(t, "[…") {
				ok = false
				break
			}
			parts = append(parts, t)
		}
		// the last piece is the class part, or the end of the snake part with it, where the
		// recogniser lost a character at the space it saw ("batch_" "ormalization_BatchNo")
		last := parts[len(parts)-1]
		if k := strings.LastIndexByte(last, '_'); k >= 0 {
			last = last[k+1:]
		}
		if !ok || !unicode.IsUpper(firstRune(last)) {
			continue
		}
		// (an underscore read with its piece is not doubled: "average_" "poolingld")
		joined := parts[0]
		for _, x := range parts[1:] {
			if !strings.HasSuffix(joined, "_") && !strings.HasPrefix(x, "_") {
				joined += "_"
			}
			joined += x
		}
		fixed, scheme := f.autoName(joined)
		if !scheme {
			continue
		}
		// the snake part must be the class's: "my net" "Dropout1" stays apart (the class part
		// as the scheme reads it: "Separablec" is the cut "SeparableC")
		c := strings.TrimRightFunc(last, func(r rune) bool { return strings.ContainsRune("0123456789lI|i", r) })
		if i := strings.LastIndexByte(fixed, '_'); len(f.completions(c)) == 0 && i >= 0 {
			c = strings.TrimRightFunc(fixed[i+1:], func(r rune) bool { return strings.ContainsRune("0123456789lI|i", r) })
		}
		snake := strings.TrimSuffix(joined[:len(joined)-len(last)], "_")
		match := false
		for _, full := range append(f.completions(c), c) {
			if distance(stems(full)[0], snake) <= 2 {
				match = true
			}
		}
		if !match {
			continue
		}
		w := ws[0].through(ws[1:k]...)
		w.Text = joined
		return append([]Word{w}, ws[k:]...)
	}
	return ws
}

// joinShapeComma joins the pieces of a TensorFlow.js shape whose comma the recogniser read as a
// space ("[null" "512]"): a TensorFlow.js shape has no space in it. The piece before is a shape
// still open, the piece after ends it and starts with its next number, not with a bracket (a cut
// cell, "[[null,16,16,32],[null,16,1", is followed by the next column's shape).
func joinShapeComma(ws []Word, pitch float64) []Word {
	if pitch <= 0 {
		return ws
	}
	var out []Word
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		for i+1 < len(ws) {
			n := ws[i+1]
			// (its "[" may be read as "(" or "{": "(null" "512]")
			head := w.Text
			if strings.HasPrefix(head, "E[") { // ("E" a bracket: "E[nul")
				head = "[" + head[1:]
			}
			opens := strings.Count(head, "[") + strings.Count(head, "(") + strings.Count(head, "{")
			shuts := strings.Count(head, "]") + strings.Count(head, ")") + strings.Count(head, "}")
			open := strings.HasPrefix(head, "[") || strings.ContainsRune("({", firstRune(head)) && strings.Contains(head, "nul")
			// (a shape ends in no comma: "[null]," "16,576]" goes on, its "]" read in the middle)
			open = open && (opens > shuts || strings.HasSuffix(w.Text, ","))
			gap := float64(n.Left-w.Right()) / pitch
			// pieces with no space between them: the rest of the shape ("E" "[nul" "lL," "512]" "]")
			// (a piece of one item stands closer than a lost comma's width: "[nul" "lL,")
			// (a bracket's box is narrow and stands at one side of its cell)
			most := 0.5
			// (a closing bracket may be read as "J")
			if strings.Trim(w.Text, "E[]") == "" || strings.Trim(n.Text, "[]J") == "" {
				most = 1.2
			}
			flush := gap < most && (open || w.Text == "E" && strings.HasPrefix(n.Text, "[")) &&
				(strings.Trim(n.Text, "[]{}()0123456789,nulIL|") == "" || open && strings.Trim(n.Text, "]J") == "")
			comma := open && gap <= 1.6 && strings.ContainsAny(n.Text[len(n.Text)-1:], "])}") && (unicode.IsDigit(firstRune(n.Text)) || strings.HasPrefix(n.Text, "nul"))
			if !flush && !comma {
				break
			}
			if comma && !flush && !strings.HasSuffix(w.Text, ",") {
				w.Text += ","
			}
			w = w.through(n)
			w.Text += n.Text
			i++
		}
		out = append(out, w)
	}
	return out
}

// undouble reads as one character each pair of thin glyphs ("li", "1l", "l1") that the
// recogniser made of one "1" in a name longer than its box has cells ("blockli_bnl" of
// "block1_bn1" in ten cells, "block1l_spatial_dropout2_d1l"): where the characters too many are
// as many as such pairs, each pair is one glyph, a "1" where the pair holds one, else an "l" for
// the glyph templates and the names' numbers to decide.
func undouble(t string, width int, pitch float64) string {
	class := strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && len(t) > 3 && isIdentifier(t[1:len(t)-1])
	if pitch <= 0 || !isIdentifier(t) && !class {
		return t
	}
	rs := []rune(t)
	// the characters too many: a word's box spans about as many cells as it has characters
	extra := float64(len(rs)) - float64(width)/pitch
	if extra < 0.5 || extra > 2.75 {
		return t
	}
	// the pairs a "1" is read as: "1" and a thin letter, and "li" where it ends a part of the
	// name ("blockli_"; "normalizat" is no doubled "1"; "pool1" is no pair: a letter before a
	// digit is a name's number)
	double := func(i int) bool {
		switch {
		case rs[i] == '1':
			return strings.ContainsRune("lIi|", rs[i+1])
		case rs[i] == 'l' && rs[i+1] == 'i', rs[i] == 'i' && rs[i+1] == '1':
			return i+2 == len(rs) || rs[i+2] == '_' || unicode.IsDigit(rs[i+2])
		case rs[i+1] == '1' && unspelt(rs, i):
			// an "l" no word ends in before the "1" that ends a part ("Flattenl1"; "pool1" is a
			// name's number)
			return i+2 == len(rs) || rs[i+2] == '_'
		case unicode.IsLetter(rs[i]) && rs[i] != rs[i+1] && unicode.ToLower(rs[i]) == unicode.ToLower(rs[i+1]):
			// one letter read in both its cases ("input_lLayer", "separabLle", "(LeakyReLuU)")
			return true
		}
		return false
	}
	// three thin glyphs that hold a "1" and end a part of the name ("dense_1l1" of "dense_1"):
	// one "1" read as three, two characters too many
	thin := func(r rune) bool { return strings.ContainsRune("1lIi|", r) }
	triple := func(i int) bool {
		return i+2 < len(rs) && thin(rs[i]) && thin(rs[i+1]) && thin(rs[i+2]) && (i == 0 || !thin(rs[i-1])) &&
			strings.ContainsRune(string(rs[i:i+3]), '1') && endOfPart(rs, i+2)
	}
	var pairs, triples []int
	for i := 0; i+1 < len(rs); i++ {
		switch {
		case !class && triple(i):
			triples = append(triples, i)
			i += 2
		case double(i):
			pairs = append(pairs, i)
			i++
		}
	}
	if n := float64(len(pairs) + 2*len(triples)); n == 0 || extra < n-0.5 || extra > n+0.5 {
		return t
	}
	for k := len(triples) - 1; k >= 0; k-- {
		i := triples[k]
		rs = append(rs[:i], append([]rune{'1'}, rs[i+3:]...)...)
		for j := range pairs {
			if pairs[j] > i {
				pairs[j] -= 2
			}
		}
	}
	for k := len(pairs) - 1; k >= 0; k-- {
		i := pairs[k]
		// a "1" and a letter inside a word of letters are that letter ("normal1iz" of
		// "normaliz"), elsewhere a "1" ("block1l_", "dense_1i")
		one := 'l'
		switch {
		case unicode.IsLetter(rs[i]) && unicode.ToLower(rs[i]) == unicode.ToLower(rs[i+1]):
			// the case of the word around it: small in a snake_case name, a class's own otherwise
			one = unicode.ToLower(rs[i])
			if class || i > 0 && unicode.IsUpper(rs[i-1]) && i+2 < len(rs) && unicode.IsUpper(rs[i+2]) {
				one = rs[i+1]
				if i+2 < len(rs) && unicode.IsLower(rs[i+2]) {
					one = unicode.ToLower(rs[i])
				}
			}
		case rs[i+1] == '1':
			one = '1'
		case rs[i] == '1' && i > 0 && i+2 < len(rs) && unicode.IsLetter(rs[i-1]) && unicode.IsLetter(rs[i+2]):
			one = rs[i+1]
		case rs[i] == '1':
			one = '1'
		}
		rs = append(rs[:i], append([]rune{one}, rs[i+2:]...)...)
	}
	return string(rs)
}

// completions are the known classes a class as printed can be: itself, or every class it is
// the cut start of ("GlobalAveragePool" is GlobalAveragePooling1D, 2D or 3D; the layer's name
// may tell which).
func (f *fixer) completions(c string) []string {
	if f.classes[c] {
		return []string{c}
	}
	var out []string
	for _, k := range f.list {
		if strings.HasPrefix(k, c) {
			out = append(out, k)
		}
	}
	return out
}

// joinClass joins the pieces of a class cell that the recogniser parted at no space ("Input",
// "Layer", ")"), up to six ("(" "Layer" "Norma" "Lizat" "io…"): words that fill as many cells
// together as they have characters, and that together are a class with its ")", or the start
// of one that the print cut ("(Layer" "Normalizat" "io…", "(GLoba" "LMaxPoo" "Lin" "gz…").
func (f *fixer) joinClass(ws []Word) []Word {
	var out []Word
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		for j := i + 1; j < len(ws) && j <= i+5; j++ {
			joined := w.Text
			for _, x := range ws[i+1 : j+1] {
				joined += x.Text
			}
			// no space between them: together they fill as many cells as they have characters
			// (a "(" read twice, as itself and a brace or a bracket, "({BatchNorma" "lization)",
			// fills one cell)
			cells := float64(ws[j].Right()-w.Left) / f.pitch
			chars := utf8.RuneCountInString(joined)
			if strings.HasPrefix(joined, "({") || strings.HasPrefix(joined, "([") {
				chars--
			}
			// (a class the print cut ends in Keras's "…": "(Layer" "Normalizat" "io…")
			if f.pitch <= 0 || math.Abs(cells-float64(chars)) >= 1 || !strings.HasSuffix(joined, ")") && !strings.HasSuffix(joined, "…") {
				continue
			}
			if _, ok := f.classWord(f.classOpener(joined)); ok {
				w = w.through(ws[j])
				w.Text = joined
				i = j
				break
			}
		}
		out = append(out, w)
	}
	return out
}

// joinParted joins the pieces of one cell that the recogniser parted where the print has no
// space (a space leaves a cell and the glyphs' margins; the recogniser's box of an "_" may stop
// half a cell short, so less than a cell apart is no space): a name parted after an "_"
// ("spatial_dropoutid_" "SpatialDr"), and a shape's brackets parted from it ("[" "[null1,3])]",
// "[[null,128]" "J").
func joinParted(ws []Word, pitch float64) []Word {
	if pitch <= 0 {
		return ws
	}
	var out []Word
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		for i+1 < len(ws) && (float64(ws[i+1].Left-w.Right()) < gapOf(w.Text, ws[i+1].Text)*pitch && parted(w.Text, ws[i+1].Text) ||
			float64(ws[i+1].Left-w.Right()) < 0.75*pitch && partedAtL(w.Text, ws[i+1].Text)) {
			n := ws[i+1]
			w = w.through(n)
			w.Text += n.Text
			i++
		}
		out = append(out, w)
	}
	return out
}

// partedAtL reports whether b goes on the name (or class cell) a, where the recogniser started a
// new word at an "l" it read as a capital, or as itself and its capital ("max_poo"
// "Ling2d_MaxPooling2D1", "(G" "LobalMax…", "(Separab" "lLeConv2D)"): no space fits between them,
// and a capital L or I after small letters starts no word of a layer name or class.
func partedAtL(a, b string) bool {
	core := strings.TrimPrefix(a, "(")
	if core == "" || !isIdentifier(core) || strings.ContainsAny(core, "[…") || len(b) < 2 || !strings.ContainsRune("LIl", rune(b[0])) ||
		!unicode.IsLower(rune(b[1])) && !(b[0] == 'l' && b[1] == 'L') || b[0] == 'l' && b[1] != 'L' {
		return false // (or the "l" read in both its cases: "(Separab" "lLeConv2D")
	}
	last := []rune(core)[utf8.RuneCountInString(core)-1]
	return unicode.IsLetter(last) && (unicode.IsLower(last) || strings.HasPrefix(a, "(") && utf8.RuneCountInString(core) == 1)
}

// gapOf is the widest gap, in cells, after a piece of a cell that no space can be: a bracket's
// box is narrow and stands at one side of its cell.
func gapOf(a, b string) float64 {
	if strings.Trim(a, "[{") == "" || strings.Trim(b, "]})J") == "" {
		return 1.2
	}
	return 0.75
}

// parted reports whether a and b, with no space between them, are pieces of one cell.
func parted(a, b string) bool {
	switch {
	case a == "" || b == "":
		return false
	case strings.HasSuffix(a, "_") && len(a) > 1 && isIdentifier(a):
		return unicode.IsLetter(firstRune(b))
	case strings.Trim(a, "[{") == "":
		return strings.ContainsRune("[{(", firstRune(b)) || strings.HasPrefix(b, "nul")
	case strings.Trim(b, "]})J") == "":
		return strings.HasPrefix(a, "[") || strings.HasPrefix(a, "{")
	}
	return false
}

// classOpener gives back the "(" of a class cell that the recogniser read as a brace or a bracket
// ("{RandomFlip)") or lost ("InputLayer)"): a word closed by ")" around a known class. No other
// word of a summary is a class name with a ")" after it.
func (f *fixer) classOpener(t string) string {
	if !strings.HasSuffix(t, ")") || len(t) < 4 {
		return t
	}
	core := strings.TrimSuffix(t, ")")
	switch {
	case strings.HasPrefix(core, "{") || strings.HasPrefix(core, "[") || strings.HasPrefix(core, "({") || strings.HasPrefix(core, "(["):
		// (a brace or a bracket for the "(", or read beside it: "({SpatialDropout2D)")
		if rest := strings.TrimLeft(core, "([{"); rest != "" && len(core)-len(rest) <= 2 && unicode.IsUpper([]rune(rest)[0]) && (f.classes[rest] || f.classes[strings.TrimSuffix(rest, "…")]) {
			return "(" + rest + ")"
		}
	case f.classes[core] && !strings.ContainsAny(core, "([{"):
		return "(" + t
	}
	return t
}

// classParens gives a class cell back its parentheses where the recogniser read them as other
// marks ("'Dense", "'Dense?", "|Dense|", "!Dense'"): a known class, exactly, between one or two
// such marks at either end, in the word after a layer name. No other cell of a row prints a class
// name alone, so the marks can only be its parentheses (a lost ")" is given back too).
func (f *fixer) classParens(t string) string {
	const opens, closes = "'\"‘’`|!{[(", "'\"‘’`|!?}])"
	core := strings.TrimLeft(t, opens)
	lead := len(t) - len(core)
	inner := strings.TrimRight(core, closes)
	trail := len(core) - len(inner)
	if lead == 0 || lead > 2 || trail > 2 || !f.classes[inner] || t == "("+inner+")" || t == "("+inner {
		return t
	}
	return "(" + inner + ")"
}

// cutClassOpener gives back the "(" of a class that the print cut ("(LayerNormalizatio…") and
// the recogniser lost: an exact beginning of a known class, at least six letters long, with
// Keras's "…" and no class after it (a name cut alike is followed by its class).
func (f *fixer) cutClassOpener(t, next string) string {
	core, ok := strings.CutSuffix(t, "…")
	if !ok || utf8.RuneCountInString(core) < 6 || !unicode.IsUpper([]rune(core)[0]) || strings.HasPrefix(next, "(") {
		return t
	}
	for _, c := range f.list {
		// (its letters as the class spells them, or a small letter read as its capital:
		// "LayerNormaLizatio…")
		if len(c) > len(core) && (strings.HasPrefix(c, core) || strings.EqualFold(c[:len(core)], core) && onlyConfusions(c[:len(core)], core)) {
			return "(" + f.unCapital(t, c)
		}
	}
	return t
}

// unCapital gives a cut class t, read with a small letter as its capital, the class c's letters.
func (f *fixer) unCapital(t, c string) string {
	core := strings.TrimSuffix(t, "…")
	if strings.HasPrefix(c, core) {
		return t
	}
	return c[:len(core)] + t[len(core):]
}

// classWord corrects a word that reads as "(Class)" (or its cut start).
func (f *fixer) classWord(t string) (string, bool) {
	if !strings.HasPrefix(t, "(") || len(t) < 4 {
		return "", false
	}
	core := strings.TrimPrefix(t, "(")
	closed := strings.HasSuffix(core, ")")
	core = strings.TrimSuffix(core, ")")
	ell := strings.HasSuffix(core, "…")
	core = strings.TrimSuffix(core, "…")
	// a speck read between the "(" and the class's capital ("(_LayerNormaLizatio…"): no class
	// starts with a mark
	if rest := strings.TrimLeft(core, "_.,'`"); len(core)-len(rest) == 1 && rest != "" && unicode.IsUpper([]rune(rest)[0]) {
		core = rest
	}
	if core == "" || !unicode.IsLetter([]rune(core)[0]) {
		return "", false
	}
	c, ok := f.class(core, ell || !closed)
	if !ok {
		return "", false
	}
	out := "(" + c
	if ell {
		out += "…"
	}
	if closed {
		out += ")"
	}
	return out, true
}

// autoName corrects a TensorFlow.js automatic name, "<snake>_<Class><N>": the class part is
// matched to a known class, and the snake part follows from it.
func (f *fixer) autoName(t string) (string, bool) {
	// the number's "1" read as a closing bracket or a "!" ("activation_Activation]"): no name
	// ends so, and a reference has its "[" before
	if n := len(t); n > 2 && strings.ContainsRune("]!", rune(t[n-1])) && !strings.ContainsAny(t, "[(") && unicode.IsLetter(rune(t[n-2])) {
		if fixed, ok := f.autoName(t[:n-1] + "1"); ok {
			return fixed, true
		}
	}
	for i := 0; i < len(t); i++ {
		if t[i] != '_' || i+1 >= len(t) {
			continue
		}
		rest := t[i+1:]
		// a capital that looks like its small letter, read small ("softmax_softmax1"): the class
		// as printed must then be spelt exactly
		small := strings.ContainsRune("cosuvwxz", rune(rest[0]))
		if small {
			rest = strings.ToUpper(rest[:1]) + rest[1:]
		} else if !unicode.IsUpper(rune(rest[0])) {
			continue
		}
		j := len(rest)
		for j > 0 && strings.ContainsRune("0123456789lI|", rune(rest[j-1])) {
			j--
		}
		// a class that ends in a letter read like a digit ("Bidirectional" "l"): the longest one
		for k := len(rest); k > j; k-- {
			if f.classes[rest[:k]] {
				j = k
				break
			}
		}
		if small {
			// and the snake part must be its ("my_softmax1" is a user's name)
			cl := rest[:j]
			if !f.classes[cl] {
				cl = rest[:numberStart(rest)]
			}
			if !f.classes[cl] || autoSnake(t[:i], cl) != stems(cl)[0] {
				continue
			}
		}
		// the number read as letters that no class ends in ("dense_Densei"): what stands before
		// them is a class exactly
		if k := numberStart(rest); k < j && !f.classes[rest[:j]] && f.classes[rest[:k]] {
			j = k
		}
		if j == 0 {
			continue
		}
		c, ok := f.class(rest[:j], false)
		if ok && !f.classes[rest[:j]] {
			// a class part misread and ending in a letter read like a digit ("Didirectionall" of
			// "Bidirectional1": its "l" went with the number): the class part is as long as
			// reads nearest to the class it matches
			best := distance(c, rest[:j])
			for k := j + 1; k <= len(rest); k++ {
				if ck, okk := f.class(rest[:k], false); okk && ck == c && distance(c, rest[:k]) < best {
					best, j = distance(c, rest[:k]), k
				}
			}
		}
		cut := f.cutStart(rest)
		if cut && ok && autoSnake(t[:i], c) == stems(c)[0] && !f.snakeOfCut(t[:i], rest) {
			// the snake part is the class's own, and no class the cut part may start has it
			// ("add_Addi" is an Add and its number, not the start of an AdditiveAttention)
			cut = false
		}
		if !ok || cut {
			// the print may cut the class part ("AveragePo" is the start of AveragePooling1D, not
			// an Average misread)
			if !cut {
				if c, ok = f.class(rest, true); !ok {
					continue
				}
			} else {
				c = rest
			}
			// the snake part follows from the classes the cut one can be ("spatial_dropoutid" of a
			// "SpatialDr" is spatial_dropout1d: of the three, only 1D's stem is a confusion away)
			snake := fixName(t[:i], c)
			fulls := f.completions(c)
			for _, full := range fulls {
				snake = fixName(snake, full)
			}
			// the one snake case of the classes that is a character lost or added away
			// ("batch_ormalization" of a BatchNormalization, not a BatchNormalizationV1)
			one := ""
			for _, full := range fulls {
				s := autoSnake(snake, full)
				switch {
				case stems(full)[0] == snake:
					one = "-" // a class's own snake case as read
				case utf8.RuneCountInString(s) == utf8.RuneCountInString(snake):
					// a character read as another is the class's to decide (1d, 2d or 3d)
				case s != snake && one == "":
					one = s
				case s != snake && s != one:
					one = "-"
				}
			}
			if one != "" && one != "-" {
				snake = one
			}
			// a letter misread in the snake part of a cut class part that starts one class only
			// ("tame_distributed_TimeDistri"): restem's, as beside a Keras class
			if one == "" && len(fulls) == 1 {
				snake = restem(snake, fulls[0])
			}
			return snake + "_" + c, true
		}
		if !f.classes[c] {
			return fixName(t[:i], c) + "_" + c + digitsIn(rest[j:]), true
		}
		return autoSnake(t[:i], c) + "_" + c + digitsIn(rest[j:]), true
	}
	return f.autoBySnake(t)
}

// snakeOfCut reports whether snake is the snake part of a class that part, cut, may start.
func (f *fixer) snakeOfCut(snake, part string) bool {
	for _, full := range f.completions(part) {
		if strings.ToLower(fixName(snake, full)) == stems(full)[0] {
			return true
		}
	}
	return false
}

// autoBySnake reads a TensorFlow.js automatic name whose class part is too garbled to match
// ("conv1d_Convibd") by its snake part, which names the class: the class part is that class and
// its number, one or two characters. A number still unread is left out, for the picture's glyph
// templates to read (missingChars).
func (f *fixer) autoBySnake(t string) (string, bool) {
	i := strings.LastIndexByte(t, '_')
	if i <= 0 || i+1 >= len(t) || !unicode.IsLetter(rune(t[i+1])) {
		return t, false // (its capital may be read small: "laxPooling2D2" of "MaxPooling2D2")
	}
	snake, rest := t[:i], []rune(t[i+1:])
	var found []string
	var ends []int
	for _, c := range f.list {
		// (an automatic snake part is small: a letter read as its capital, "max_pooLing2d", is it)
		if stems(c)[0] != strings.ToLower(fixName(snake, c)) {
			continue
		}
		n := utf8.RuneCountInString(c)
		// the class part as long as the class, or a glyph longer (one read as two: "lNaxPooling2D"
		// of "MaxPooling2D") or shorter (one lost), and its number of one or two characters, or
		// none where the print cut the name after the whole class
		at := -1
		for _, m := range []int{n, n + 1, n - 1} {
			if m > len(rest) || len(rest)-m > 2 || len(rest) == m && m < n {
				continue
			}
			if distance(c, string(rest[:m])) <= 0.2*float64(n)+0.35 {
				at = m
				break
			}
		}
		if at < 0 {
			continue
		}
		found, ends = append(found, c), append(ends, at)
	}
	if len(found) != 1 {
		return t, false
	}
	c := found[0]
	num := digitsIn(string(rest[ends[0]:]))
	if !isDigitsOnly(num) {
		num = ""
	}
	return stems(c)[0] + "_" + c + num, true
}

// cutBySnake reads a TensorFlow.js automatic name that the print cut in its class part, where the
// recogniser garbled that part ("batch_normalization_Batchilo" of "…_BatchNo"): the snake part
// names the class, and the cells the word's box spans say where the print cut it. The part read
// must still look like the start of the class.
func (f *fixer) cutBySnake(t string, width int) (string, bool) {
	i := strings.LastIndexByte(t, '_')
	if f.pitch <= 0 || i <= 0 || i+1 >= len(t) || !unicode.IsUpper(rune(t[i+1])) {
		return t, false
	}
	snake, rest := t[:i], t[i+1:]
	var found []string
	for _, c := range f.list {
		if stems(c)[0] == fixName(snake, c) {
			found = append(found, c)
		}
	}
	if len(found) != 1 {
		return t, false
	}
	c := []rune(found[0])
	n := utf8.RuneCountInString(rest)
	cut := int(math.Round(float64(width)/f.pitch)) - utf8.RuneCountInString(snake) - 1
	if cut < 3 || cut >= len(c) || cut < n-2 || cut > n+1 || distance(string(c[:cut]), rest) > 0.25*float64(cut)+1 {
		return t, false
	}
	return stems(found[0])[0] + "_" + string(c[:cut]), true
}

// numberStart is where the characters at the end of w that may be a misread number start: at
// most two digits or letters the recogniser reads digits as.
func numberStart(w string) int {
	j := len(w)
	for j > 0 && len(w)-j < 2 && strings.ContainsRune("0123456789lI|ioOQ", rune(w[j-1])) {
		j--
	}
	return j
}

// fitSnake gives an automatic name "<snake>_<Class><N>" whose snake part was read with characters
// added ("conv2dad_Conv2D1", a glyph's pieces read as letters) its class's own snake part, where
// the cells its box spans hold the name so spelt and not as read: the read holds that snake part
// in order, with the added characters between or after its letters.
func (f *fixer) fitSnake(t string, width int) string {
	k := strings.LastIndexByte(t, '_')
	if f.pitch <= 0 || k <= 0 {
		return t
	}
	rest := t[k+1:]
	c := rest[:numberStart(rest)]
	if !f.classes[c] || rest == c {
		return t
	}
	want := stems(c)[0]
	snake := t[:k]
	if snake == want || len(snake) <= len(want) || !isSubsequence(want, snake) {
		return t
	}
	fixed := want + "_" + rest
	if cells := int(math.Round(float64(width) / f.pitch)); cells != utf8.RuneCountInString(fixed) {
		return t
	}
	return fixed
}

// isSubsequence reports whether the letters of a stand in b in order.
func isSubsequence(a, b string) bool {
	i := 0
	for j := 0; j < len(b) && i < len(a); j++ {
		if a[i] == b[j] {
			i++
		}
	}
	return i == len(a)
}

// fitCut cuts an automatic name whose class part the print cut ("…_SeparableC") to the cells
// its box spans: the recogniser read a character too many ("SeparablecC"), which the class's
// start then gave as one more of the class ("SeparableCo").
func (f *fixer) fitCut(t string, width int) string {
	k := strings.LastIndexByte(t, '_')
	n := utf8.RuneCountInString(t)
	if f.pitch <= 0 || k < 0 || !f.cutStart(t[k+1:]) {
		return t
	}
	cells := int(math.Round(float64(width) / f.pitch))
	if cells < n && cells >= n-2 && cells > k+2 {
		return string([]rune(t)[:cells])
	}
	return t
}

// cutStart reports whether a word is the exact start of a known class and no class itself
// ("AveragePo", "Gl"): a TensorFlow.js cell cut in its class part.
func (f *fixer) cutStart(w string) bool {
	if w == "" || f.classes[w] {
		return false
	}
	for _, c := range f.list {
		if strings.HasPrefix(c, w) {
			return true
		}
	}
	return false
}

// autoSnake is the snake part of a TensorFlow.js automatic name of class c as read: the class's
// own snake case where what was read is one edit from it ("Gropout" of a Dropout, "leaky_relu"
// of a LeakyReLU, "bidirectiaonal"), else what was read with its confusions put right. The
// snake part follows from the class: the scheme leaves no other name.
func autoSnake(read, cl string) string {
	c := cl
	s := fixName(read, c)
	want := stems(c)[0]
	if s != want && utf8.RuneCountInString(want) >= 4 && distance(want, s) <= 1 {
		return want
	}
	// an "l" read as its capital ("max_poo_Ling2d"): a snake part is small letters only
	if s != want && unLTo(read, func(c string) bool { return fixName(c, cl) == want }) != read {
		return want
	}
	return s
}

// fixName puts right, in a layer name, the characters that the class's automatic name shows
// to be misread: "convid_1" of a Conv1D is "conv1d_1", "dense_l" is "dense_1".
func fixName(name, class string) string {
	rs := []rune(name)
	// a name's first "l" read as a bracket ("[stm2" of an LSTM's "lstm2"): no name starts so
	if len(rs) > 2 && strings.ContainsRune("[|", rs[0]) && unicode.IsLetter(rs[1]) {
		for _, stem := range stems(class)[:2] {
			if st := []rune(stem); st[0] == 'l' && len(rs) >= len(st) && string(rs[1:len(st)]) == string(st[1:]) {
				rs[0] = 'l'
				break
			}
		}
	}
	// a name the print cut ("global_max_pooling…") is compared with the start of each stem
	cut := len(rs) > 0 && rs[len(rs)-1] == '…'
	if cut {
		rs = rs[:len(rs)-1]
	}
	// characters a stem matches, as read or once put right, are settled: a later stem (the class
	// itself, "Identity") does not undo what an earlier one ("identity") read
	settled := make([]bool, len(rs))
	// the class as spelt, after an "_" (a TensorFlow.js name's class part, "softmax_Softmax1"), is
	// settled first: the snake case does not undo its capital
	if cl := []rune(class); len(cl) <= len(rs) {
		for i := 1; i+len(cl) <= len(rs); i++ {
			if rs[i-1] == '_' && string(rs[i:i+len(cl)]) == class {
				for k := range cl {
					settled[i+k] = true
				}
			}
		}
	}
	for _, stem := range stems(class) {
		s := []rune(stem)
		last := len(rs) - len(s) // the last place the stem may start
		if cut && len(s) > len(rs) {
			if len(rs) < 4 {
				continue
			}
			s, last = s[:len(rs)], 0 // the start of the stem, at the start of the name
		}
		for i := 0; i <= last; i++ {
			seg := rs[i : i+len(s)]
			diff, ok := 0, true
			for k := range s {
				if seg[k] == s[k] {
					continue
				}
				if settled[i+k] || !confusable(seg[k], s[k]) {
					ok = false
					break
				}
				diff++
			}
			if !ok && cut && i == 0 && len(s) == len(rs) && len(s) >= 8 && string(seg[:len(s)-1]) == string(s[:len(s)-1]) &&
				!settled[len(s)-1] && unicode.IsLetter(seg[len(s)-1]) && unicode.IsLetter(s[len(s)-1]) {
				// the glyph the print's "…" stands against, misread ("batch_normalizatic…"):
				// the rest of the cut name spells the stem's start exactly
				ok = true
			}
			if ok && diff*3 <= len(s) {
				copy(rs[i:], s)
				for k := range s {
					settled[i+k] = true
				}
			}
		}
	}
	if cut {
		rs = append(rs, '…')
	}
	// the recogniser capitalises a line's first word: an automatic name is small
	base, suffix := string(rs), ""
	if k := strings.LastIndexByte(base, '_'); k > 0 && isDigitsOnly(digitsIn(base[k+1:])) {
		base, suffix = base[:k], base[k:]
	}
	for _, stem := range stems(class)[:2] {
		if base != stem && strings.EqualFold(base, stem) && onlyCaseLookalikes(base, stem) {
			rs = []rune(stem + suffix)
		}
	}
	// the number Keras appends: "_l", "_1O"
	if k := strings.LastIndexByte(string(rs), '_'); k >= 0 {
		tail := string(rs)[k+1:]
		if d := digitsIn(tail); d != tail && isDigitsOnly(d) {
			return string(rs)[:k+1] + d
		}
	}
	// the number a user put right after the class's own name: "flatteni" is "flatten1" (no word
	// is an automatic name and a thin letter); TensorFlow.js numbers its inputs so ("input1")
	if n := len(rs); n >= 5 && strings.ContainsRune("lIi|", rs[n-1]) && !cut {
		for _, stem := range numberedStems(class) {
			if string(rs[:n-1]) == stem && utf8.RuneCountInString(stem) >= 4 {
				return stem + "1"
			}
		}
	}
	return string(rs)
}

// numberedStems are the names that a number follows without an "_" in a layer of class: the
// class's own snake and small names ("flatten1"), and for an InputLayer, TensorFlow.js's "input"
// ("input1").
func numberedStems(class string) []string {
	st := stems(class)[:2]
	if class == "InputLayer" {
		st = append(st, "input")
	}
	return st
}

// onlyCaseLookalikes reports whether a and b differ only in the case of letters whose capital
// looks like the small letter (c, o, s, u, v, w, x, z): "Sequential" may be a misread
// "sequential", "Add_1" is no misread "add_1".
func onlyCaseLookalikes(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	for i := range ra {
		if ra[i] != rb[i] && !strings.ContainsRune("cosuvwxz", unicode.ToLower(ra[i])) {
			return false
		}
	}
	return true
}

// stems are the automatic names a class gives its layers in the eras: conv1d and max_pooling1d
// (Keras 2 and 3, TensorFlow.js: an underscore before a capital that starts a word, and between a
// small letter and a capital), convolution1d (Keras 1), and the class itself (the second part of
// a TensorFlow.js name).
func stems(class string) []string {
	var b strings.Builder
	rs := []rune(class)
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) {
			word := i+1 < len(rs) && (unicode.IsLower(rs[i+1]) || unicode.IsDigit(rs[i+1]))
			if word || unicode.IsLower(rs[i-1]) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return []string{b.String(), strings.ToLower(class), class}
}

// digitsIn maps the letters that stand for digits back to digits in a word that is a number
// ("4l," → "41,", "(None," and brackets kept).
func digitsIn(t string) string {
	core := strings.Trim(t, "()[],…")
	if core == "" {
		return t
	}
	digits := 0
	for _, r := range core {
		switch {
		case unicode.IsDigit(r):
			digits++
		case strings.ContainsRune("lI|ioOQ©®@SsBZz,", r):
		default:
			return t
		}
	}
	if digits == 0 && utf8.RuneCountInString(core) > 1 {
		return t
	}
	return strings.NewReplacer("l", "1", "I", "1", "|", "1", "i", "1", "o", "0", "O", "0", "Q", "0", "©", "0", "®", "0", "@", "0",
		"S", "5", "s", "5", "B", "8", "Z", "2", "z", "2").Replace(t)
}

func isDigitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// isNoneWord reports whether a word is the start of a Keras shape, "(None," as OCR reads it:
// "(one,", "(Nione,", "(Mone,".
func isNoneWord(t string) bool {
	if t == "" || !strings.ContainsRune("([{|", rune(t[0])) {
		return false
	}
	core := strings.TrimLeft(t, "([{|")
	core = strings.TrimRight(core, ",)")
	// "N" read as two letters ("tlone") still ends in "one"
	return len(core) >= 2 && len(core) <= 6 && (distance("None", core) <= 1.3 || strings.HasSuffix(core, "one"))
}

func fixNone(t string) string {
	j := strings.LastIndexFunc(t, unicode.IsLetter)
	open := "("
	if strings.HasPrefix(t, "[(") || strings.HasPrefix(t, "[{") {
		open = "[(" // a list of shapes
	}
	return open + "None" + t[j+1:]
}

// nullRe is compiled the first time a picture's shape needs it, not at every start of the program.
var nullRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`nu[lLI1i|t]{1,3}([,\]]|$)`) })

// fixNull puts right a TensorFlow.js shape: its brackets and "null" ("[{null1,128,9]]" is
// "[[null,128,9]]").
func fixNull(t string) string {
	// punctuation no shape holds, read in the noise of a small picture ("[ngli,10;,,16]")
	t = strings.Map(func(r rune) rune {
		if strings.ContainsRune(".;:'`", r) {
			return -1
		}
		return r
	}, t)
	for strings.Contains(t, ",,") {
		t = strings.ReplaceAll(t, ",,", ",")
	}
	// a shape starts with its bracket, which the recogniser may lose ("null,4,12,16]")
	if strings.HasPrefix(t, "nul") {
		t = "[" + t
	}
	rs := []rune(t)
	// the brackets a cell opens with, an "E" among them ("E[nu111L,512]]", "[Efnull")
	for i := 0; i < len(rs) && (strings.ContainsRune("[{(|", rs[i]) || rs[i] == 'E' && i+1 < len(rs) && strings.ContainsRune("[{(nf", rs[i+1])); i++ {
		rs[i] = '['
	}
	// the first item, where it is a word: "null" however misread ("ngli", "nu111L", "fnull")
	if i := strings.IndexFunc(string(rs), func(r rune) bool { return r != '[' }); i >= 0 && unicode.IsLetter(rs[i]) {
		j := i
		for j < len(rs) && rs[j] != ',' && rs[j] != ']' {
			j++
		}
		item := string(rs[i:j])
		if n := j - i; n >= 3 && n <= 6 && (rs[i] == 'n' || strings.Contains(item, "nul")) {
			null := "null"
			// a letter before it where no bracket opens the cell is the bracket ("fnull,4]")
			if k := strings.Index(item, "nul"); i == 0 && k > 0 && k <= 2 {
				null = strings.Repeat("[", k) + null
			}
			rs = append(append(append([]rune(nil), rs[:i]...), []rune(null)...), rs[j:]...)
		}
	}
	for i := len(rs) - 1; i >= 0 && strings.ContainsRune("]})|J", rs[i]); i-- {
		rs[i] = ']'
	}
	// TensorFlow.js prints brackets only: inside too, a brace or a parenthesis is a bracket
	for i, r := range rs {
		switch r {
		case '{', '(':
			rs[i] = '['
		case '}', ')':
			rs[i] = ']'
		}
	}
	s := balanceShape(dropInnerClose(string(rs)))
	// "null" with its l's confused or doubled ("nu11", "nul1l", "nulll", "nult") before the
	// "," or "]" that ends it, or at the cut end of a cell
	s = nullRe().ReplaceAllString(s, "null$1")
	// the numbers between the commas
	parts := strings.Split(s, ",")
	for i, p := range parts {
		if !strings.Contains(p, "null") {
			parts[i] = digitsIn(p)
		}
	}
	return strings.Join(parts, ",")
}

// openBrackets is how many brackets are open after s, with open of them open before it.
func openBrackets(s string, open int) int {
	for _, r := range s {
		switch r {
		case '[':
			open++
		case ']':
			open = max(0, open-1)
		}
	}
	return open
}

// closeShape reads the rest of a TensorFlow.js shape that the recogniser parted at a comma
// ("[[null," "32])],"), with open brackets open before it: a brace or a parenthesis is a
// bracket, and a bracket that closes more than is open was read twice ("32])]" of "32]]").
func closeShape(t string, open int) (string, int) {
	var b strings.Builder
	for _, r := range t {
		switch r {
		case '{', '(':
			r = '['
		case '}', ')':
			r = ']'
		}
		switch r {
		case '[':
			open++
		case ']':
			if open == 0 {
				continue
			}
			open--
		}
		b.WriteRune(r)
	}
	parts := strings.Split(b.String(), ",")
	for i, p := range parts {
		if !strings.Contains(p, "nul") {
			parts[i] = digitsIn(p)
		}
	}
	return strings.Join(parts, ","), open
}

// dropInnerClose drops a closing bracket that would close the whole cell while its numbers go
// on ("[null],16,576]"): a cell's brackets close at its end, or before the "," and "[" of the
// next shape of a list.
func dropInnerClose(s string) string {
	depth := 0
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 && i+2 < len(rs) && rs[i+1] == ',' && unicode.IsDigit(rs[i+2]) {
				rs = append(rs[:i], rs[i+1:]...)
				i--
				depth++
			}
		}
	}
	return string(rs)
}

// balanceShape drops the brackets the recogniser added to one shape cell: a closing one too many
// at the end of a cell that opens a list ("[[null,128]]]"; "[null,16]]" may be the second half of
// one the recogniser parted), and a third opening one ("[[[null,128]]": TensorFlow.js nests two
// deep at most). A cut cell only loses closing brackets.
func balanceShape(s string) string {
	open, shut := strings.Count(s, "["), strings.Count(s, "]")
	for shut > open && strings.HasPrefix(s, "[[") && strings.HasSuffix(s, "]]") {
		s, shut = s[:len(s)-1], shut-1
	}
	for open > shut && strings.HasPrefix(s, "[[[") {
		s, open = s[1:], open-1
	}
	return s
}

// splitMerged splits a word the recogniser ran together with the next cell: "dense_1(Dense)"
// is a name and a class.
func splitMerged(ws []Word, pitch float64) []Word {
	var out []Word
	for _, w := range ws {
		i := mergeAt(w.Text)
		if i <= 0 {
			out = append(out, w)
			continue
		}
		a, b := w, w
		a.Text, b.Text = w.Text[:i], w.Text[i:]
		b.joined = true
		// the first part from the left edge, the second from the right one, a cell each
		na, nb := utf8.RuneCountInString(a.Text), utf8.RuneCountInString(b.Text)
		if pitch <= 0 {
			pitch = float64(w.Width) / float64(na+nb+1)
		} else if cells := float64(w.Width) / pitch; na > 1 && math.Abs(cells-float64(na+nb)) < 0.5 {
			// the print parts two cells by a space at least: where the word fills no more cells
			// than it has characters, the recogniser read that space as the last character of
			// the first part ("separable_conv2d_SeparableCo[[null,…" of a cut name)
			a.Text = string([]rune(a.Text)[:na-1])
			na--
		}
		a.Width = int(float64(na) * pitch)
		b.Width = min(w.Width, int(float64(nb)*pitch))
		b.Left = w.Right() - b.Width
		out = append(out, a, b)
	}
	return out
}

// mergeAt is where a word runs two cells together: a class after a name ("dense_1(Dense)"), a
// shape after a name ("bidirectional_Bidirectional[[null,96,16]]"); 0 for none.
func mergeAt(t string) int {
	for i := 1; i < len(t); i++ {
		prev := rune(t[i-1])
		if !unicode.IsLetter(prev) && !unicode.IsDigit(prev) && prev != '_' {
			continue
		}
		if strings.ContainsAny(t[:i], "([") {
			return 0
		}
		rest := t[i:]
		switch {
		case strings.HasPrefix(rest, "(") && unicode.IsUpper(firstRune(rest[1:])),
			strings.HasPrefix(rest, "[[") || strings.HasPrefix(rest, "[("), strings.HasPrefix(rest, "(None"):
			return i
		}
	}
	return 0
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
