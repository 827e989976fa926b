package normalize

import (
	"strings"
	"unicode/utf8"
)

// Lines broken at a fixed width: a terminal, a notebook's output panel with word wrap or a log
// viewer that was narrower than the print (a 98-wide tf.keras table in an 80-column terminal)
// breaks every longer line at that column, in the middle of a word or a number, and a copy keeps
// the breaks. The width shows in the rules: a rule cut at the width goes on, in the same
// character, on the next line. Where two rules show one width, every line of exactly that width
// in that stretch is joined with the line after it, without a separator.

// minWrapWidth is the narrowest width read as a wrap.
const minWrapWidth = 40

// wrapReach bounds how far from a broken rule lines of its width are joined.
const wrapReach = 200

// brokenRule reports a rule (maybe indented, quoted or commented) of line a that goes on in line
// b; w is a's width.
func brokenRule(a, b string) (w int, ok bool) {
	rule := strings.TrimLeft(a[stripPrefix(a):], " ")
	if !isRuleLine(rule) {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(rule)
	tb := strings.TrimRight(b[wrapTail(a, b):], " ")
	if tb == "" || strings.Trim(tb, string(r)) != "" {
		return 0, false
	}
	return utf8.RuneCountInString(a), true
}

// brokenBoxRule reports a rule of a drawn box (Keras 3's "┏━━━┳━━━┓") of line a cut before its
// right end, which goes on in line b: a is box characters only and does not end at a right
// corner or wall, and b is box characters only and does. w is a's width.
func brokenBoxRule(a, b string) (w int, ok bool) {
	rule := strings.TrimLeft(a[stripPrefix(a):], " ")
	tb := strings.TrimRight(b[wrapTail(a, b):], " ")
	if tb == "" || !boxOnly(rule) || !boxOnly(tb) {
		return 0, false
	}
	last, _ := utf8.DecodeLastRuneInString(rule)
	end, _ := utf8.DecodeLastRuneInString(tb)
	if rightEnd(last) || !rightEnd(end) || utf8.RuneCountInString(rule) < 5 {
		return 0, false
	}
	return utf8.RuneCountInString(a), true
}

// boxOnly reports a text made of box-drawing characters only.
func boxOnly(s string) bool {
	for _, r := range s {
		if r < 0x2500 || r > 0x257F {
			return false
		}
	}
	return s != ""
}

// rightEnd reports a box-drawing character that ends a rule on the right: a corner or a wall's
// T-piece that opens to the left.
func rightEnd(r rune) bool {
	return strings.ContainsRune("┐┑┒┓┘┙┚┛┤┥┦┧┨┩┪┫╕╖╗╛╜╝╡╢╣╮╯", r)
}

// unwrapHard joins the lines of stretches broken at one width.
func unwrapHard(in []Line) []Line {
	// the broken rules: where they are, and their width
	type cut struct{ at, w int }
	var cuts []cut
	for i := 0; i+1 < len(in); i++ {
		w, ok := brokenRule(in[i].text.s, in[i+1].text.s)
		if !ok {
			w, ok = brokenBoxRule(in[i].text.s, in[i+1].text.s)
		}
		if ok && w >= minWrapWidth {
			cuts = append(cuts, cut{i, w})
		}
	}
	if len(cuts) < 2 {
		return in
	}
	width := make([]int, len(in)) // the wrap width at each line, 0 for none
	for a := 0; a+1 < len(cuts); a++ {
		b := a + 1
		if cuts[b].w != cuts[a].w || cuts[b].at-cuts[a].at > wrapReach {
			continue
		}
		for b+1 < len(cuts) && cuts[b+1].w == cuts[a].w && cuts[b+1].at-cuts[b].at <= wrapReach {
			b++
		}
		lo := max(0, cuts[a].at-wrapReach/4)
		hi := min(len(in)-1, cuts[b].at+wrapReach/4)
		for k := lo; k <= hi; k++ {
			width[k] = cuts[a].w
		}
		a = b
	}
	out := make([]Line, 0, len(in))
	for i := 0; i < len(in); i++ {
		l := in[i]
		piece := utf8.RuneCountInString(l.text.s)
		for width[i] > 0 && piece == width[i] && i+1 < len(in) && in[i+1].text.s != "" {
			piece = utf8.RuneCountInString(in[i+1].text.s)
			tail := in[i+1]
			if p := wrapTail(l.text.s, tail.text.s); p > 0 {
				tail = tail.Sub(p, len(tail.text.s))
			}
			l = Join(&l, &tail, "")
			i++
		}
		out = append(out, l)
	}
	return out
}

// wrapTail is where the text of a wrapped piece b starts: after its quote or comment marker or log
// prefix, when line a has one too (the paste was marked after it was wrapped: "-- " on every
// piece).
func wrapTail(a, b string) int {
	if stripPrefix(a) == 0 {
		return 0
	}
	return stripPrefix(b) // its own: a log's prefix has another time on every line
}

// wrapMark is the mark a viewer puts at the start of a line it broke (nbconvert's PDF, vim's
// showbreak, editors with soft wrap): "↪", the hook arrow.
const wrapMark = "↪"

// joinMarkedWraps joins each line that starts with the wrap mark (after the prefix it shares with
// the line above: quoting, a comment marker) to the line above; a print never starts a line with
// one. Most viewers break at a space, which the mark stands for; one that breaks anywhere at a
// fixed width (the broken lines all of one length) breaks inside words and numbers, and the
// pieces join without one.
func joinMarkedWraps(in []Line) []Line {
	if !hasWrapMark(in) {
		return in
	}
	marked := func(l *Line) bool {
		s := l.text.s
		return strings.HasPrefix(strings.TrimLeft(s[stripPrefix(s):], " "), wrapMark)
	}
	width, breaks := -1, 0
	for i := 1; i < len(in); i++ {
		if marked(&in[i]) {
			n := utf8.RuneCountInString(in[i-1].text.s)
			if breaks == 0 {
				width = n
			} else if n != width {
				width = -1
			}
			breaks++
		}
	}
	sep := " "
	if breaks >= 2 && width >= minWrapWidth {
		sep = ""
	}
	out := make([]Line, 0, len(in))
	for i := 0; i < len(in); i++ {
		l := in[i]
		if len(out) == 0 || !marked(&l) {
			out = append(out, l)
			continue
		}
		// the run of marked lines joins the line above in one pass (linear in the run)
		var b builder
		head := &out[len(out)-1]
		b.keep(&head.text, 0, len(head.text.s))
		tabs := head.Tabs
		for ; i < len(in) && marked(&in[i]); i++ {
			t := &in[i].text
			k := strings.Index(t.s, wrapMark) + len(wrapMark)
			if k < len(t.s) && t.s[k] == ' ' {
				k++
			}
			b.litAt(sep, t, k)
			b.keep(t, k, len(t.s))
			tabs = tabs || in[i].Tabs
		}
		i--
		head.set(b.text())
		head.Tabs = tabs
	}
	return out
}

func hasWrapMark(in []Line) bool {
	for _, l := range in {
		if strings.Contains(l.text.s, wrapMark) {
			return true
		}
	}
	return false
}
