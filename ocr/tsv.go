package ocr

import (
	"fmt"
	"strconv"
	"strings"
)

// Word is one word the recogniser read, with its box in the picture it was given and its
// confidence (0 to 100).
type Word struct {
	Block, Par, Line int // the recogniser's own grouping (a Line is unique within its Par)
	Left, Top        int
	Width, Height    int
	Conf             float64
	Text             string
	joined           bool // split off the word before it, which the recogniser ran into it
	known            bool // a class name matched to a known class
	scheme           bool // a TensorFlow.js automatic name whose class part matched a known class
	ligature         bool // widened by the cells a font's ligatures took: its glyphs are not in its cells
}

// Right and Bottom are the box's far edges (exclusive).
func (w Word) Right() int { return w.Left + w.Width }

// through is w widened over the words joined to it, up to the right edge of the last, with the
// lowest confidence among them (its text is the caller's to set).
func (w Word) through(joined ...Word) Word {
	for _, x := range joined {
		w.Width = max(w.Width, x.Right()-w.Left)
		w.Conf = min(w.Conf, x.Conf)
	}
	return w
}
func (w Word) Bottom() int { return w.Top + w.Height }

// CenterY is the box's vertical centre.
func (w Word) CenterY() float64 { return float64(w.Top) + float64(w.Height)/2 }

// ParseTSV reads Tesseract's TSV output (`tesseract IMAGE - tsv`): the header line, then one line
// per page, block, paragraph, line and word. Only the words (level 5) with text are kept.
func ParseTSV(data []byte) ([]Word, error) {
	var words []Word
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, "\r")
		if l == "" {
			continue
		}
		f := strings.Split(l, "\t")
		if i == 0 && len(f) > 0 && f[0] == "level" {
			continue
		}
		if len(f) < 11 {
			return nil, fmt.Errorf("TSV line %d: %d fields, want 12", i+1, len(f))
		}
		if f[0] != "5" {
			continue
		}
		text := ""
		if len(f) >= 12 {
			text = strings.Join(f[11:], "\t")
		}
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		var n [9]int
		for k := 0; k < 9; k++ {
			v, err := strconv.Atoi(f[k+1])
			if err != nil {
				return nil, fmt.Errorf("TSV line %d: field %d: %q is not a number", i+1, k+2, f[k+1])
			}
			n[k] = v
		}
		conf, err := strconv.ParseFloat(f[10], 64)
		if err != nil {
			return nil, fmt.Errorf("TSV line %d: confidence %q is not a number", i+1, f[10])
		}
		if n[7] <= 0 || n[8] <= 0 {
			continue
		}
		words = append(words, Word{Block: n[1], Par: n[2], Line: n[3], Left: n[5], Top: n[6], Width: n[7], Height: n[8],
			Conf: max(0, min(100, conf)), Text: text})
	}
	return words, nil
}
