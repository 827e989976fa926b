package grammar

import (
	"strings"
	"unicode"

	"github.com/kexplain/kexplain/normalize"
)

// A summary's title and totals in words kexplain does not know: a page translated by a browser
// ("模型: "sequential"", "总参数: 237,898", "Parámetros entrenables: 1,204"), a print whose labels
// a poster retyped in their language. Keras prints them in a fixed place and order: the title
// `Model: "name"` right above the table's top rule, and right after the rule (or the box's bottom)
// that closes the rows, three or four lines "label: count", Total, Trainable, Non-trainable and
// Optimizer params. Lines of those shapes in those places are read as what they stand for,
// whatever their words; anywhere else such a line is prose.

// totalsKeys are the totals labels in the order Keras prints them.
var totalsKeys = [...]string{"Total params", "Trainable params", "Non-trainable params", "Optimizer params"}

// wordTotal reports a line "label: count", maybe with a size or a comment after the count, whose
// label is words without digits or brackets; rest is where the count starts.
func wordTotal(t string) (rest int, ok bool) {
	t = strings.TrimRight(t, " ")
	c := strings.IndexByte(t, ':')
	if c <= 0 || c > 60 {
		return 0, false
	}
	label := normalize.TrimSpace(t[:c])
	letters := 0
	for _, r := range label {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == ' ' || r == '-' || r == '.' || r == '\'' || r == '#':
		default:
			return 0, false
		}
	}
	if letters < 2 || strings.Count(label, " ") > 5 {
		return 0, false
	}
	rest = c + 1
	for rest < len(t) && t[rest] == ' ' {
		rest++
	}
	v := t[rest:]
	if i := strings.IndexByte(v, ' '); i > 0 {
		v = v[:i] // a size "(644.02 KB)", or a poster's comment, after the count
	}
	return rest, isCount(v)
}

// wordTitle reports a line `label: "name"`: words, a colon, a quoted name without spaces.
func wordTitle(t string) bool {
	c := strings.IndexByte(t, ':')
	if c <= 0 || c > 40 {
		return false
	}
	for _, r := range normalize.TrimSpace(t[:c]) {
		if !unicode.IsLetter(r) && r != ' ' {
			return false
		}
	}
	v := normalize.TrimSpace(t[c+1:])
	return len(v) >= 3 && v[0] == '"' && v[len(v)-1] == '"' && !strings.ContainsAny(v[1:len(v)-1], ` "`)
}

// wordTitles marks the titles in unknown words: such a line right above a rule or a box's top.
func wordTitles(lines []line, kinds []lineKind) {
	for i := 0; i+1 < len(lines); i++ {
		if kinds[i] == lkProse && (kinds[i+1] == lkRule || kinds[i+1] == lkBoxTop) && wordTitle(normalize.TrimSpace(lines[i].text)) {
			kinds[i] = lkTitle
		}
	}
}

// wordTotals gives the totals lines in unknown words of the paste: the index of each line, with
// the label it stands for.
func wordTotals(lines []line, kinds []lineKind) map[int]string {
	var out map[int]string
	for i, k := range kinds {
		if k != lkEq && k != lkRule && k != lkBoxBottom && k != lkBoxHeadSep && k != lkElision && k != lkRow {
			continue // the totals follow the rule or the box's bottom that closes the rows (in a pipe table too), an elision mark or the last row
		}
		// after a row with no rule between (rules left out, a retyped table), the numbers must
		// also add up as Keras's do: that a row is followed by lines "words: number" says little
		needSum := k == lkRow
		j := i + 1
		for j < len(lines) && j <= i+2 && kinds[j] == lkBlank {
			j++
		}
		var block []int
		for ; j < len(lines) && len(block) < len(totalsKeys); j++ {
			if lines[j].mask&cColon == 0 {
				break // no colon: no "words: number" (wordTotal below), and no cells made to tell
			}
			t := strings.TrimLeft(cellText(normalize.TrimSpace(lines[j].text)), " -*•>#|")
			if _, ok := wordTotal(t); !ok || kinds[j] == lkTotals || kinds[j] == lkTitle {
				break
			}
			block = append(block, j)
		}
		if len(block) < 3 {
			continue // Keras prints three or four (one in Keras 0.x and 1.0, too like a line of prose to tell)
		}
		if j < len(lines) && kinds[j] == lkTotals {
			continue // known labels follow: these lines are something else
		}
		if needSum && !totalsAddUp(lines, block) {
			continue
		}
		if out == nil {
			out = map[int]string{}
		}
		for n, b := range block {
			out[b] = totalsKeys[n]
		}
	}
	return out
}

// lineTotalsLabel is totalsLabel for line l, whose text (trimmed of markup) is t: a line in
// unknown words gives the label its place gave it.
func lineTotalsLabel(l *line, t string) (key string, rest int) {
	if l.total != "" {
		rest, _ := wordTotal(t)
		return l.total, rest
	}
	return totalsLabel(t)
}

// layerTypeHeader reports a box header whose first cell has the shape of Keras's "Layer (type)"
// in any words: one or two words and a word in parentheses ("Camada (tipo)", "层 (类型)"). The
// tables of other tools that rich draws ("┃ # ┃ Name ┃ Type ┃") have no such cell.
func layerTypeHeader(t string) bool {
	if strings.ContainsAny(t, "0123456789") {
		return false // a row always shows a count (the test at the end, made first for the rows)
	}
	cells := splitCells(t)
	if len(cells) < 2 {
		return false
	}
	// a summary has a shape and a count column beside the layer: a whole two-column box (keras-hub's
	// "Tokenizer (type) ┃ Vocab #" table of a task's preprocessor) is no summary; a cropped one may be
	if len(cells) < 3 && (strings.HasSuffix(normalize.TrimSpace(t), "┃") || strings.HasSuffix(normalize.TrimSpace(t), "│")) {
		return false
	}
	c := normalize.TrimSpace(cells[0])
	o := strings.IndexByte(c, '(')
	if o <= 0 || !strings.HasSuffix(c, ")") || len(c) > 40 {
		return false
	}
	words := strings.Fields(c[:o])
	inner := c[o+1 : len(c)-1]
	return len(words) >= 1 && len(words) <= 2 && inner != "" && !strings.ContainsAny(inner, " ()") &&
		strings.IndexFunc(t, unicode.IsDigit) < 0 // a row always shows a count
}

// totalsAddUp reports a block of totals lines whose counts add up as Keras prints them: Total =
// Trainable + Non-trainable (+ Optimizer).
func totalsAddUp(lines []line, block []int) bool {
	var v []int64
	for _, b := range block {
		t := strings.TrimLeft(cellText(normalize.TrimSpace(lines[b].text)), " -*•>#|")
		rest, _ := wordTotal(t)
		c := t[rest:]
		if i := strings.IndexByte(c, ' '); i > 0 {
			c = c[:i]
		}
		n, ok := countValue(c)
		if !ok {
			return false
		}
		v = append(v, n)
	}
	var sum int64
	for _, x := range v[1:] {
		sum += x
	}
	return len(v) >= 3 && v[0] == sum
}
