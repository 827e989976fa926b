package ocr

import (
	"fmt"
	"strings"
)

// Request is one recognition for the caller to run: a PNG picture and how to read it. With
// Tesseract it is
//
//	tesseract stdin stdout --dpi 300 --psm PSM [-c tessedit_char_whitelist=WHITELIST] tsv
//
// and the answer is the TSV it prints. tesseract.js takes the same settings as parameters
// (tessedit_pageseg_mode, tessedit_char_whitelist) and gives the same TSV.
type Request struct {
	PNG       []byte
	PSM       int    // page segmentation mode: 6, a uniform block of text
	Whitelist string // the characters it may read ("": any)
	Purpose   string // what the request is for, for messages: "text", "counts"
}

// Recognizer runs one request and returns the recogniser's TSV output. It is the I/O that
// package ocr leaves to its caller (os/exec in the command, tesseract.js in the browser).
type Recognizer func(Request) ([]byte, error)

// Page is the text read from a picture, laid out in the print's character columns, with the
// parts that were read with low confidence.
type Page struct {
	Lines  []string
	Doubts []Doubt
	Words  int // words recognised
}

// Text is the page as text, one line per printed line.
func (p *Page) Text() string { return strings.Join(p.Lines, "\n") + "\n" }

// Doubt is a stretch of a line read with low confidence: the characters from Col to End
// (1-based, End exclusive, counted in characters) on Line (1-based).
type Doubt struct {
	Line, Col, End int
	Text           string
	Conf           float64
}

// DoubtConf is the confidence below which a word counts as uncertain.
const DoubtConf = 80

// Reader reads pictures of printed summaries.
type Reader struct {
	Recognize Recognizer
	Classes   []string // the layer classes to match class names read from a picture to
}

// Read recognises the text of a PNG or JPEG picture of a printed summary: it prepares the
// picture, has rec recognise it, lays the words out on the print's grid, reads the count column
// again with digits only, and gives the text with its uncertain parts.
func Read(data []byte, rec Recognizer) (*Page, error) {
	return Reader{Recognize: rec}.Read(data)
}

// Read recognises the text of a PNG or JPEG picture (see the package function Read).
func (r Reader) Read(data []byte) (*Page, error) {
	p, err := Prepare(data)
	if err != nil {
		return nil, err
	}
	return r.ReadPrepared(p)
}

// ReadPrepared recognises a prepared picture.
func (r Reader) ReadPrepared(p *Prepared) (*Page, error) {
	rec := r.Recognize
	tsv, err := rec(Request{PNG: p.PNG(), PSM: 6, Purpose: "text"})
	if err != nil {
		return nil, err
	}
	words, err := ParseTSV(tsv)
	if err != nil {
		return nil, fmt.Errorf("the recogniser's output: %v", err)
	}
	if len(words) == 0 {
		return nil, ErrNoText
	}
	words = inked(p, words)
	for i := range words {
		words[i].Text = tolerant(words[i].Text)
	}
	lo := assemble(p, words, newFixer(r.Classes))
	if cells := lo.countCells(p); len(cells) > 0 {
		img := stitch(p, cells, lo.grid.LinePitch)
		tsv, err := rec(Request{PNG: img, PSM: 6, Whitelist: countWhitelist, Purpose: "counts"})
		if err != nil {
			return nil, err
		}
		digits, err := ParseTSV(tsv)
		if err != nil {
			return nil, fmt.Errorf("the recogniser's output: %v", err)
		}
		lo.applyCounts(p, cells, digits)
	}
	lo.extraChars(p)
	lo.regroup(p)
	lo.regroupCounts(p)
	lo.familyStems(p)
	lo.missingChars(p)
	lo.numberNames()
	lo.familyNames()
	lo.pageL()
	lo.smallFirst(p)
	lo.tfjsShapes()
	return lo.page(len(words)), nil
}

// page turns the layout into a Page: its lines, and the runs of characters of low confidence.
func (lo *layout) page(words int) *Page {
	pg := &Page{Lines: lo.text(), Words: words}
	for i, row := range lo.conf {
		for c := 0; c < len(row); {
			if row[c] < 0 || row[c] >= DoubtConf || lo.rows[i][c] == ' ' {
				c++
				continue
			}
			start, conf := c, row[c]
			for c < len(row) && row[c] == conf && lo.rows[i][c] != ' ' {
				c++
			}
			pg.Doubts = append(pg.Doubts, Doubt{Line: i + 1, Col: start + 1, End: c + 1, Text: string(lo.rows[i][start:c]), Conf: conf})
		}
	}
	return pg
}

// inked drops the words whose box holds no ink at all in the picture the recogniser read: what
// it made of the blank space between two cells ("=" between "(LSTM)" and "[[null,20,16]]" of a
// JPEG picture). Every character the print has leaves ink in its box.
func inked(p *Prepared, words []Word) []Word {
	out := words[:0]
	for _, w := range words {
		x0, y0 := max(0, w.Left), max(0, w.Top)
		x1, y1 := min(p.img.W-1, w.Right()-1), min(p.img.H-1, w.Bottom()-1)
		if x1 < x0 || y1 < y0 || bandInk(p.img, y0, y1, x0, x1) >= 0 {
			out = append(out, w)
		}
	}
	return out
}
