package grammar

// Picture marks a document whose text was read from a picture by OCR (package ocr), and which
// of its characters the recogniser was unsure of. Parse never sets it: the caller that ran the
// recognition does, so that a number OCR may have misread is not taken for a wrong count.
type Picture struct {
	Doubts []Doubt
}

// Doubt is a stretch of a line read with low confidence.
type Doubt struct {
	Line     int    // 1-based
	Col, End int    // 1-based columns in characters, End exclusive
	Text     string // what was read there
}

// On lists the doubts on the lines from through to.
func (p *Picture) On(from, to int) []Doubt {
	if p == nil {
		return nil
	}
	var out []Doubt
	for _, d := range p.Doubts {
		if d.Line >= from && d.Line <= to {
			out = append(out, d)
		}
	}
	return out
}
