package ocr

import "testing"

func TestLigatureCells(t *testing.T) {
	for in, want := range map[string]int{"flatten_1": 1, "final_flatten1": 2, "random_flip": 1, "coeffi": 2, "dense": 0} {
		if got := ligatureCells(in); got != want {
			t.Errorf("ligatureCells(%q) = %d, want %d", in, got, want)
		}
	}
}

// Without a box line to show the shift, only a name exactly as its class's scheme spells it
// proves that its box is short by a ligature, not by a character the recogniser added.
func TestIsAutoName(t *testing.T) {
	classes := map[string]bool{"Flatten": true, "Dense": true, "RandomFlip": true}
	for in, want := range map[string]bool{"flatten_Flatten1": true, "flatten_Flattenl": true, "flatten": true, "flatten_12": true,
		"random_flip_1": true, "Fflatten_1": false, "my_flatten": false, "flatten_Dense1": false} {
		if got := isAutoName(in, classes); got != want {
			t.Errorf("isAutoName(%q) = %v, want %v", in, got, want)
		}
	}
}
