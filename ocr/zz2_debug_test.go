package ocr

import (
	"fmt"
	"testing"
)

func TestZZFix(t *testing.T) {
	f := newFixer(shotClasses)
	fmt.Println(f.autoName("bidirectional_Bidirectionall"))
	fmt.Println(f.class("Bidirectiona", false))
	fmt.Println(f.autoName("softmax_softmax1"))
}
func TestZZFix2(t *testing.T) {
	f := newFixer(shotClasses)
	fmt.Println(f.autoName("my_softmax1"))
	fmt.Println(f.autoName("conv_block"))
}
