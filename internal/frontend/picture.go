package frontend

import (
	"fmt"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
	"github.com/kexplain/kexplain/ocr"
)

// PagePicture is what the page says about a picture: its kind, the text read from it (which the
// page puts in the paste box, so that links to lines point into it), how many words the
// recogniser found and how many stretches it was unsure of.
type PagePicture struct {
	Kind   string `json:"kind"` // "PNG", "JPEG"; the kind found for an unsupported picture
	Text   string `json:"text"`
	Words  int    `json:"words"`
	Doubts int    `json:"doubts"` // stretches read with low confidence
}

// PicturePage reads a PNG or JPEG picture of a printed summary with rec (Tesseract through
// os/exec in the command, tesseract.js in the browser) and explains the text read for the page,
// with the picture's doubts, as `kexplain shot.png` does. What goes wrong is said in Diagnostics
// with the exit status 2: a kind of picture that is not read, a picture that cannot be decoded,
// a picture in which nothing is read, or the recogniser's own failure.
func PicturePage(data []byte, rec ocr.Recognizer) (out PageResult) {
	defer func() {
		if r := recover(); r != nil {
			out = PageResult{Exit: ExitInternal, Diagnostics: fmt.Sprintf("kexplain: internal error (please report it, with the picture): %v\n", r)}
		}
	}()
	kind := ocr.Detect(data)
	info := &PagePicture{Kind: kind.String()}
	fail := func(format string, a ...any) PageResult {
		return PageResult{Exit: ExitUnread, Diagnostics: "kexplain: " + fmt.Sprintf(format, a...) + "\n", Picture: info}
	}
	if kind == ocr.NotImage {
		info.Kind = ""
		return fail("this is not a picture: kexplain reads PNG and JPEG pictures (and text pasted as text)")
	}
	if !kind.Supported() {
		return fail("a %s picture: kexplain reads PNG and JPEG pictures (convert it to PNG)", kind)
	}
	p, err := ocr.Reader{Recognize: rec, Classes: layers.Classes()}.Read(data)
	if err != nil {
		return fail("%v", err)
	}
	info.Text, info.Words, info.Doubts = p.Text(), p.Words, len(p.Doubts)
	out = page(info.Text, PictureOf(p))
	out.Picture = info
	return out
}

// PictureOf carries a page's uncertain stretches into the engine (grammar.Document.Picture).
func PictureOf(p *ocr.Page) *grammar.Picture {
	pic := &grammar.Picture{}
	for _, d := range p.Doubts {
		pic.Doubts = append(pic.Doubts, grammar.Doubt{Line: d.Line, Col: d.Col, End: d.End, Text: d.Text})
	}
	return pic
}
