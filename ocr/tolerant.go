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
	return w
}
