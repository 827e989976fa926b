// Command record runs Tesseract on the pictures of a directory and keeps what it answers to
// each request of package ocr (NAME.text.tsv, NAME.counts.tsv), for the tests to replay.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/kexplain/kexplain/internal/tesseract"
	"github.com/kexplain/kexplain/layers"
	"github.com/kexplain/kexplain/ocr"
)

func main() {
	dir := os.Args[1]
	pics, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	jpgs, _ := filepath.Glob(filepath.Join(dir, "*.jpg"))
	for _, pic := range append(pics, jpgs...) {
		data, err := os.ReadFile(pic)
		if err != nil {
			fail(err)
		}
		base := strings.TrimSuffix(pic, filepath.Ext(pic))
		rec := func(req ocr.Request) ([]byte, error) {
			out, err := tesseract.Recognize(req)
			if err == nil {
				err = os.WriteFile(base+"."+req.Purpose+".tsv", out, 0o644)
			}
			return out, err
		}
		if _, err := (ocr.Reader{Recognize: rec, Classes: layers.Classes()}).Read(data); err != nil {
			fail(fmt.Errorf("%s: %v", pic, err))
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "record:", err)
	os.Exit(1)
}
