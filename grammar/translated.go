package grammar

import (
	"strings"
	"unicode"
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

// wordTotal reports a line "label: count" or "label: count (size)" whose label is words without
// digits or brackets; rest is where the count starts.
func wordTotal(t string) (rest int, ok bool) {
	t = strings.TrimRight(t, " ")
	c := strings.IndexByte(t, ':')
	if c <= 0 || c > 60 {
		return 0, false
	}
	label := strings.TrimSpace(t[:c])
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
	if i := strings.IndexByte(v, '('); i > 0 && strings.HasSuffix(v, ")") {
		v = strings.TrimSpace(v[:i])
	}
	return rest, isCount(v)
}

// wordTitle reports a line `label: "name"`: words, a colon, a quoted name without spaces.
func wordTitle(t string) bool {
	c := strings.IndexByte(t, ':')
	if c <= 0 || c > 40 {
		return false
	}
	for _, r := range strings.TrimSpace(t[:c]) {
		if !unicode.IsLetter(r) && r != ' ' {
			return false
		}
	}
	v := strings.TrimSpace(t[c+1:])
	return len(v) >= 3 && v[0] == '"' && v[len(v)-1] == '"' && !strings.ContainsAny(v[1:len(v)-1], ` "`)
}

// wordTitles marks the titles in unknown words: such a line right above a rule or a box's top.
func wordTitles(lines []line, kinds []lineKind) {
	for i := 0; i+1 < len(lines); i++ {
		if kinds[i] == lkProse && (kinds[i+1] == lkRule || kinds[i+1] == lkBoxTop) && wordTitle(strings.TrimSpace(lines[i].text)) {
			kinds[i] = lkTitle
		}
	}
}

// wordTotals gives the totals lines in unknown words of the paste: the index of each line, with
// the label it stands for.
func wordTotals(lines []line, kinds []lineKind) map[int]string {
	var out map[int]string
	for i, k := range kinds {
		if k != lkEq && k != lkBoxBottom {
			continue
		}
		j := i + 1
		for j < len(lines) && j <= i+2 && kinds[j] == lkBlank {
			j++
		}
		var block []int
		for ; j < len(lines) && len(block) < len(totalsKeys); j++ {
			t := strings.TrimSpace(lines[j].text)
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
