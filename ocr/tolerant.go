package ocr

import (
	"strings"
)

// tolerant undoes, in one word, the misreadings that OCR makes of a summary's text and that the
// text itself shows to be wrong: typographic quotes for straight ones, "..." for the "…" Keras
// cuts names with, letters for digits in numbers, and the "(None" of a shape read as "(one".
func tolerant(w string) string {
	w = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "‘", "'", "’", "'", "—", "-", "–", "-").Replace(w)
	if strings.HasSuffix(w, "..") && len(w) > 2 && w[len(w)-3] != '.' || strings.HasSuffix(w, "...") && len(w) > 3 {
		w = strings.TrimRight(w, ".") + "…"
	}
	// the print's "…" read as a dot and a comma (".,", ",."): after a letter or a digit, a
	// cell's text does not end so
	if core := strings.TrimRight(w, ".,"); len(w)-len(core) >= 2 && len(w)-len(core) <= 3 && strings.Contains(w[len(core):], ".") && core != "" {
		if r := core[len(core)-1]; r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			w = core + "…"
		}
	}
	// or as one dot, at the end of a name or class cell long enough to have been cut
	// ("global_average_poo.")
	if core, ok := strings.CutSuffix(w, "."); ok && len(core) >= 10 && isIdentifier(strings.TrimPrefix(core, "(")) && !strings.Contains(core, "[") {
		w = core + "…"
	}
	// an "8" of a name's number read as "&" ("dense_&", "dense_&[0][0]"): no name holds an "&",
	// and one after "_" or a digit is where a name's number stands
	if strings.Contains(w, "&") {
		if e := strings.ReplaceAll(w, "&", "8"); isIdentifier(e) && ampAfterNumberStart(w) {
			w = e
		}
	}
	return w
}

// ampAfterNumberStart reports whether every "&" of w follows an "_" or a digit.
func ampAfterNumberStart(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] == '&' && (i == 0 || w[i-1] != '_' && (w[i-1] < '0' || w[i-1] > '9')) {
			return false
		}
	}
	return true
}
