package explain

import (
	"fmt"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// sizeNotes explains the memory sizes that tf.keras 2.13+ and Keras 3 print after the totals:
// bytes = count × 4 for float32 weights, in B (Byte), KB, MB, … steps of 1024 with two decimals.
// The Total line's size is worked out once; another line's only when its dtype is not float32. A
// size that fits no common dtype gets a note too: mixed dtypes make that possible, so it is never
// an alarm.
func sizeNotes(s *Summary) {
	t := s.Table.Totals
	unit0 := "B"
	if s.Table.Format != grammar.Keras3 {
		unit0 = "Byte"
	}
	check := func(line string, n *int64, printed string, always bool) {
		if n == nil || printed == "" {
			return
		}
		for _, b := range []int64{4, 2, 8, 1} {
			if formatSize(*n*b, unit0) != printed {
				continue
			}
			if b == 4 && !always {
				return // the usual case, said once on the Total line
			}
			dtype := map[int64]string{4: "float32", 2: "float16", 8: "float64", 1: "int8"}[b]
			d := layers.Say("("+printed+"): ").Then("", layers.Equation(layers.Mul(layers.N(*n), layers.N(b, "bytes")), layers.N(*n*b, "bytes")))
			d = d.Then("", layers.Say(" ("+dtype+")"))
			steps := 0
			for x := *n * b; x >= 1024 && steps < 5; x /= 1024 {
				steps++
			}
			if steps > 0 {
				div := " ÷ 1024"
				if steps > 1 {
					div += []string{"", "", "²", "³", "⁴", "⁵"}[steps]
				}
				d = d.Then("", layers.Say(","+div+" ≈ "+printed))
			}
			s.Notes = append(s.Notes, TotalNote{Line: line, Passed: true, Text: d})
			return
		}
		s.Notes = append(s.Notes, TotalNote{Line: line, Text: layers.Say(fmt.Sprintf("size %s is not %s float32 values (%s): mixed dtypes, or an edited count?",
			printed, layers.Num(*n), formatSize(*n*4, unit0)))})
	}
	check("Total params", t.Total, t.TotalSize, true)
	check("Trainable params", t.Trainable, t.TrainSize, false)
	check("Non-trainable params", t.NonTrainable, t.NonTrainSize, false)
}

// formatSize prints a byte count as Keras does: two decimals, the unit stepped by 1024.
func formatSize(bytes int64, unit0 string) string {
	units := []string{unit0, "KB", "MB", "GB", "TB", "PB"}
	x := float64(bytes)
	i := 0
	for x >= 1024 && i < len(units)-1 {
		x /= 1024
		i++
	}
	return fmt.Sprintf("%.2f %s", x, units[i])
}
