package grammar

import (
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/normalize"
)

// claims finds hand calculations in the prose: "1344 * 128 + 128 = 172160", "128 * 5 + 5 = 654".
// Only products and sums of whole numbers ending in "= N" are read.
func claims(lines []line) []*Claim {
	var out []*Claim
	for _, l := range lines {
		s := l.text
		if l.mask&cRule == 0 || l.mask&cDigit == 0 || !strings.Contains(s, "=") || len(s) > 2000 {
			continue
		}
		for {
			eq := strings.IndexByte(s, '=')
			if eq < 0 {
				break
			}
			left := s[:eq]
			right := normalize.TrimSpace(s[eq+1:])
			s = s[eq+1:]
			// the result: the number right after "="
			k := countLen(right)
			if k == 0 {
				continue
			}
			res, err := strconv.ParseInt(strings.ReplaceAll(right[:k], ",", ""), 10, 64)
			if err != nil {
				continue
			}
			expr, terms := trailingExpr(left)
			if len(terms) < 2 {
				continue
			}
			out = append(out, &Claim{Line: l.no, Text: normalize.TrimSpace(expr) + " = " + right[:k], Terms: terms, Result: res})
		}
	}
	return out
}

// trailingExpr takes the arithmetic at the end of s: numbers joined by * x × + and spaces.
func trailingExpr(s string) (string, []int64) {
	end := len(strings.TrimRight(s, " "))
	i := end
	for i > 0 {
		c := s[i-1]
		if c >= '0' && c <= '9' || c == ' ' || c == '*' || c == '+' || c == ',' || c == 'x' || c == '(' || c == ')' {
			i--
			continue
		}
		if strings.HasSuffix(s[:i], "×") {
			i -= len("×")
			continue
		}
		break
	}
	expr := s[i:end]
	var terms []int64
	for _, f := range strings.FieldsFunc(expr, func(r rune) bool { return !(r >= '0' && r <= '9' || r == ',') }) {
		f = strings.Trim(f, ",")
		if n, err := strconv.ParseInt(strings.ReplaceAll(f, ",", ""), 10, 64); err == nil {
			terms = append(terms, n)
		}
	}
	if !strings.ContainsAny(expr, "*+x×") {
		return expr, nil
	}
	return expr, terms
}
