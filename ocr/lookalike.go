package ocr

import (
	"strings"
	"unicode"
)

// unL lists the readings of a layer name whose capital "L"s may be a small "l" the recogniser
// read as its capital (a font's "l" with a foot looks like an "L"): each "L" after the name's
// first character either stays, or is an "l", or is an "l" the recogniser also read as itself
// ("glLobal", one glyph two characters), or an "l" whose stroke's foot it read as an underscore
// before it ("g_Lobal"). The name as read comes first. A name with more than three "L"s is read
// as it is: too many readings to weigh.
func unL(name string) []string {
	rs := []rune(name)
	var at []int
	for i, r := range rs {
		if r == 'L' && i > 0 {
			at = append(at, i)
		}
	}
	if len(at) == 0 || len(at) > 3 {
		return []string{name}
	}
	out := []string{name}
	seen := map[string]bool{name: true}
	var walk func(k int, cur []rune, shift int)
	walk = func(k int, cur []rune, shift int) {
		if k == len(at) {
			if s := string(cur); !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
			return
		}
		i := at[k] - shift
		walk(k+1, cur, shift)
		small := append([]rune(nil), cur...)
		small[i] = 'l'
		walk(k+1, small, shift)
		if i > 0 && unicode.ToLower(cur[i-1]) == 'l' || i+1 < len(cur) && unicode.ToLower(cur[i+1]) == 'l' {
			walk(k+1, append(append([]rune(nil), cur[:i]...), cur[i+1:]...), shift+1)
		}
		if i > 1 && cur[i-1] == '_' {
			under := append(append([]rune(nil), cur[:i-1]...), 'l')
			walk(k+1, append(under, cur[i+1:]...), shift+1)
		}
	}
	walk(0, rs, 0)
	return out
}

// unLTo is the one reading of name (unL) other than itself that ok accepts; name itself where
// none or more than one is.
func unLTo(name string, ok func(string) bool) string {
	if ok(name) {
		return name
	}
	found := ""
	for _, c := range unL(name)[1:] {
		if !ok(c) || c == found {
			continue
		}
		if found != "" {
			return name
		}
		found = c
	}
	if found == "" {
		return name
	}
	return found
}

// isCutSchemeName reports whether a name the print cut ("global_max_pooli…") starts an automatic
// name of class: its start, at least four characters, is the start of the class's stem.
func isCutSchemeName(name, class string) bool {
	base, cut := strings.CutSuffix(name, "…")
	if !cut || len(base) < 4 {
		return false
	}
	for _, stem := range stems(class)[:2] {
		if strings.HasPrefix(stem, base) {
			return true
		}
	}
	return false
}

// pageL puts right a layer name part read with a capital "L" for a small "l" ("bLock1" of
// "block1_spectral_normalization1") where the page spells that part with its "l" in other
// names ("block1_fc1", "block1_drop1") and in no other name as read: a user's name parts recur
// across a page, as its rows print them.
func (lo *layout) pageL() {
	type spot struct {
		row, col int
		text     string
	}
	var spots []spot
	parts := map[string]int{}
	for r, row := range lo.rows {
		ts := rowTokens(row)
		if len(ts) == 0 {
			continue
		}
		t := ts[0]
		if !isIdentifier(t.text) || strings.ContainsAny(t.text, "[") {
			continue
		}
		spots = append(spots, spot{r, t.col, t.text})
		for _, p := range strings.Split(strings.TrimSuffix(t.text, "…"), "_") {
			parts[p]++
		}
	}
	for _, sp := range spots {
		if !strings.ContainsRune(sp.text[1:], 'L') {
			continue
		}
		mine := strings.Split(strings.TrimSuffix(sp.text, "…"), "_")
		fixed := unLTo(sp.text, func(c string) bool {
			theirs := strings.Split(strings.TrimSuffix(c, "…"), "_")
			if len(theirs) != len(mine) {
				return false
			}
			changed := false
			for i := range theirs {
				if theirs[i] == mine[i] {
					continue
				}
				// (a part a capital starts may be the user's: "encoder_Lstm")
				if parts[theirs[i]] == 0 || parts[mine[i]] > 1 || len(theirs[i]) < 3 || strings.HasPrefix(mine[i], "L") {
					return false
				}
				changed = true
			}
			return changed
		})
		if fixed == sp.text {
			continue
		}
		row := lo.rows[sp.row]
		for c := sp.col; c < sp.col+len([]rune(sp.text)); c++ {
			row[c] = ' '
		}
		copy(row[sp.col:], []rune(fixed))
	}
}
