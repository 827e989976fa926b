package normalize

import (
	"strings"
	"testing"
)

func TestTrimSpace(t *testing.T) {
	for _, s := range []string{
		"", " ", "\t\n", "a", " a ", "│ dense (Dense) │ (None, 4) │ 20 │", "  │ x │  ", "┃", " ┃ ", "│",
		"\u00a0a\u00a0", "\u3000│ a │\u3000", "│\u00a0", "\u2028x", "x\u0085", "é ", " é", "\xe2\x94", "a\xe2", "\xe2\x94\x82\xff",
		"\xff a \xff", "─ ", " ━", "a\u2003", "\u2003\u2003", "│ a │\u00a0", "\u00a0│ a │",
		strings.Repeat(" ", 98), strings.Repeat(" ", 16), "a" + strings.Repeat(" ", 23),
		strings.Repeat(" ", 17) + "│ x │" + strings.Repeat(" ", 9), strings.Repeat(" ", 8) + "\t" + strings.Repeat(" ", 8) + "b",
		strings.Repeat(" ", 9) + "\u00a0" + strings.Repeat(" ", 9),
	} {
		if got, want := TrimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("TrimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzTrimSpace(f *testing.F) {
	for _, s := range []string{"│ a │", " \u00a0│ x ┃\t", "\u3000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := TrimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("TrimSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

// HasBoxRune agrees with strings.ContainsRune on box lines, rows, text around them and cut runes.
func TestHasBoxRune(t *testing.T) {
	texts := []string{"", "│", "┃ a ┃", "├──┼──┤", "┏━━┳━━┓", "│ dense (Dense) │ (None, 8) │ 16 │", "a…b", "\x94\x82", "x\xe2\x94", "╇╞═", "plain text", "↪ wrapped", "\x82\xe2\x94\x82"}
	for _, s := range texts {
		for _, r := range []rune{'│', '┃', '─', '━', '═', '┼', '╋', '↪', 'a'} {
			if got, want := HasBoxRune(s, r), strings.ContainsRune(s, r); got != want {
				t.Errorf("HasBoxRune(%q, %q) = %v, want %v", s, r, got, want)
			}
		}
	}
}
