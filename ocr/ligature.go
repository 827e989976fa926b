package ocr

import (
	"math"
	"strings"
	"unicode/utf8"
)

// ligatures are the letter pairs a font may draw as one glyph one cell wide. Nimbus Mono PS
// does ("flatten_1", "random_flip", "ffi" in one cell); DejaVu Sans Mono, Liberation Mono and
// Noto Sans Mono do not. The recogniser reads such a glyph as its letters.
var ligatures = []string{"ffi", "ffl", "fi", "fl", "ff"}

// ligatureCells is how many cells the ligatures of a word may have taken: one for each "fi",
// "fl" or "ff", two for each "ffi" or "ffl".
func ligatureCells(t string) int {
	n := 0
	for len(t) > 0 {
		hit := false
		for _, l := range ligatures {
			if strings.HasPrefix(t, l) {
				n += len(l) - 1
				t = t[len(l):]
				hit = true
				break
			}
		}
		if !hit {
			_, size := utf8.DecodeRuneInString(t)
			t = t[size:]
		}
	}
	return n
}

// firstLigature is the index, in characters, of the first ligature of a word (-1: none).
func firstLigature(t string) int {
	best := -1
	for _, l := range ligatures {
		if i := strings.Index(t, l); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return -1
	}
	return utf8.RuneCountInString(t[:best])
}

// unligature gives back the cells that a font's ligatures took from a line: a word holding one
// spans fewer cells than it has characters, and all that the line prints after it stands as many
// cells to the left. The word is widened and the words after it moved right where the picture
// shows the shift, not only a box too short (the recogniser adds characters too, "Fflatten_1"):
// in a box table, the row's next box line stands that many cells left of the table's (a cell
// that Keras pads with a space holds a bar); elsewhere the word is an automatic name exactly as
// its class's scheme spells it ("flatten_Flatten1", "flatten_2"), so that no character was added.
func unligature(lines []textLine, p *Prepared, pitch float64, classes map[string]bool) {
	if pitch <= 0 {
		return
	}
	for li := range lines {
		ws := lines[li].Words
		shift := 0
		for i := range ws {
			ws[i].Left += shift
			w := ws[i]
			n := ligatureCells(w.Text)
			if n == 0 {
				continue
			}
			excess := float64(utf8.RuneCountInString(w.Text)) - float64(w.Width)/pitch
			lig := min(n, int(math.Round(excess)))
			if lig <= 0 {
				continue
			}
			if !barShifted(p, w, pitch, lig) && !(isAutoName(w.Text, classes) && excess > float64(lig)-0.35) {
				continue
			}
			d := int(math.Round(float64(lig) * pitch))
			// the picture shows the text after the first ligature's cell shifted
			from := w.Left - shift + int(float64(firstLigature(w.Text)+1)*pitch)
			lines[li].Shifts = append(lines[li].Shifts, lineShift{From: from, By: d})
			ws[i].Width += d
			ws[i].ligature = true
			shift += d
		}
	}
}

// barShifted reports whether the box line to the right of a word stands cells to the left in
// the word's row: a vertical stroke the height of the word, where the other rows have their
// line and the cell before it is padding.
func barShifted(p *Prepared, w Word, pitch float64, cells int) bool {
	var next *VLine
	for k, v := range p.VLines {
		if v.X > w.Right() && v.Y0 <= w.Top && w.Bottom() <= v.Y1+int(pitch) && (next == nil || v.X < next.X) {
			next = &p.VLines[k]
		}
	}
	if next == nil {
		return false
	}
	x := float64(next.X) - float64(cells)*pitch
	for dx := -0.25 * pitch; dx <= 0.25*pitch; dx++ {
		if stroke(p.img, int(math.Round(x+dx)), w.Top, w.Bottom()) >= 0.9 {
			return true
		}
	}
	return false
}

// stroke is the share of the rows from y0 to y1 that hold ink at x (or a pixel beside it).
func stroke(img *gray, x, y0, y1 int) float64 {
	if x < 1 || x+1 >= img.W || y0 < 0 || y1 > img.H || y1 <= y0 {
		return 0
	}
	n := 0
	for y := y0; y < y1; y++ {
		if img.Pix[y*img.W+x-1] < 128 || img.Pix[y*img.W+x] < 128 || img.Pix[y*img.W+x+1] < 128 {
			n++
		}
	}
	return float64(n) / float64(y1-y0)
}

// isAutoName reports whether a word is an automatic layer name as its class's scheme spells it,
// its number perhaps read as letters: "<stem>" or "<stem>_<N>" (Keras), "<snake>_<Class><N>"
// (TensorFlow.js).
func isAutoName(t string, classes map[string]bool) bool {
	k := strings.LastIndexByte(t, '_')
	if k > 0 {
		class := strings.TrimRightFunc(t[k+1:], func(r rune) bool { return strings.ContainsRune("0123456789lI|i", r) })
		if classes[class] && stems(class)[0] == t[:k] {
			return true
		}
	}
	base := t
	if k > 0 && isDigitsOnly(digitsIn(t[k+1:])) {
		base = t[:k]
	}
	for c := range classes {
		if stems(c)[0] == base {
			return true
		}
	}
	return false
}

// shiftIn is how many pixels left of its place the picture shows the text at x (a position in
// the picture) on row r of the layout: the ligatures before it.
func (lo *layout) shiftIn(r, x int) int {
	s := 0
	for _, l := range lo.lines {
		if l.Row != r {
			continue
		}
		for _, sh := range l.Shifts {
			if x >= sh.From {
				s += sh.By
			}
		}
	}
	return s
}

// cellX is where the picture shows the left edge of cell c of row r: the grid's, less the shift
// of ligatures before it.
func (lo *layout) cellX(r, c int) float64 {
	x := lo.grid.cellLeft(c + lo.origin)
	for _, l := range lo.lines {
		if l.Row != r {
			continue
		}
		for _, sh := range l.Shifts {
			if x >= float64(sh.From+sh.By)-lo.grid.Pitch/2 {
				x -= float64(sh.By)
			}
		}
	}
	return x
}
