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
	p, _ := Prepare(b)
	cmd := exec.Command("tesseract", "stdin", "stdout", "--dpi", "300", "--psm", "6", "tsv")
	cmd.Stdin = bytes.NewReader(p.PNG())
	tsv, _ := cmd.Output()
	words, _ := ParseTSV(tsv)
	lo := assemble(p, words, newFixer(nil))
	fmt.Printf("glyph %.1f grid %+v vcols %v boxTop %d boxBottom %d origin %d\n", p.Glyph, lo.grid, lo.vcols, lo.boxTop, lo.boxBottom, lo.origin)
	for _, r := range lo.rules {
		fmt.Printf("rule row %d %+v\n", r.Row, r.HRule)
	}
	for _, l := range lo.lines {
		fmt.Printf("line row %d y %.0f:", l.Row, l.Y)
		for _, w := range l.Words {
			fmt.Printf(" %q[%d-%d,%d-%d]", w.Text, w.Left, w.Right(), w.Top, w.Bottom())
		}
		fmt.Println()
	}
	os.WriteFile("/tmp/ocr/zz.png", p.PNG(), 0o644)
}
