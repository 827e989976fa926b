package ocr

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"testing"
)

func TestZZDebug(t *testing.T) {
	b, err := os.ReadFile(os.Getenv("PIC"))
	if err != nil {
		t.Skip()
	}
	rec := func(r Request) ([]byte, error) {
		args := []string{"stdin", "stdout", "--dpi", "300", "--psm", "6"}
		if r.Whitelist != "" {
			args = append(args, "-c", "tessedit_char_whitelist="+r.Whitelist)
		}
		cmd := exec.Command("tesseract", append(args, "tsv")...)
		cmd.Stdin = bytes.NewReader(r.PNG)
		return cmd.Output()
	}
	p, _ := Prepare(b)
	tsv, _ := rec(Request{PNG: p.PNG(), PSM: 6})
	words, _ := ParseTSV(tsv)
	lo := assemble(p, words, newFixer(nil))
	fmt.Printf("grid %+v vcols %v boxTop %d boxBottom %d origin %d\n", lo.grid, lo.vcols, lo.boxTop, lo.boxBottom, lo.origin)
	for _, r := range lo.rules {
		fmt.Printf("rule row %d %+v\n", r.Row, r.HRule)
	}
	for _, l := range lo.lines {
		fmt.Printf("line row %d y %.0f %v\n", l.Row, l.Y, l.Words)
	}
}
