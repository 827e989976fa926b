package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/kexplain/kexplain/internal/tesseract"
	"github.com/kexplain/kexplain/layers"
	"github.com/kexplain/kexplain/ocr"
)

// recognize is the recogniser the command uses (tests replace it).
var recognize ocr.Recognizer = tesseract.Recognize

// readPicture reads the text of a PNG or JPEG picture with Tesseract. What goes wrong is said on
// stderr and ok is false: the command then exits 2.
func readPicture(data []byte, name string, stderr io.Writer) (*ocr.Page, bool) {
	kind := ocr.Detect(data)
	if !kind.Supported() {
		fmt.Fprintf(stderr, "kexplain: %s: a %s picture: kexplain reads PNG and JPEG pictures (convert it to PNG)\n", name, kind)
		return nil, false
	}
	page, err := ocr.Reader{Recognize: recognize, Classes: layers.Classes()}.Read(data)
	switch {
	case errors.Is(err, tesseract.ErrMissing):
		fmt.Fprintf(stderr, "kexplain: %s is a %s picture: %v\n", name, kind, err)
		return nil, false
	case errors.Is(err, ocr.ErrNoText):
		fmt.Fprintf(stderr, "kexplain: %s: %v\n", name, err)
		return nil, false
	case err != nil:
		fmt.Fprintf(stderr, "kexplain: %s: %v\n", name, err)
		return nil, false
	}
	return page, true
}
