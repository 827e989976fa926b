package grammar

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/kexplain/kexplain/normalize"
)

// keras1Classes are class names that only Keras 0.x/1.x print.
var keras1Classes = map[string]bool{
	"Convolution1D": true, "Convolution2D": true, "Convolution3D": true, "AtrousConvolution1D": true,
	"AtrousConvolution2D": true, "Deconvolution2D": true, "SeparableConvolution2D": true, "Merge": true,
	"TimeDistributedDense": true, "Highway": true, "MaxoutDense": true,
}

// keras1Names are default-name stems of Keras 1 (lower-case class, no underscores inside).
var keras1Names = []string{"convolution1d_", "convolution2d_", "convolution3d_", "maxpooling1d_", "maxpooling2d_",
	"maxpooling3d_", "averagepooling", "batchnormalization_", "globalaveragepooling", "globalmaxpooling",
	"zeropadding", "upsampling", "merge_", "timedistributeddense_"}

// detectFormat tells the era of a table from its layout and contents.
func detectFormat(t *Table, rl []rline, hi int, c cols, box bool, kinds []lexer.TokenType) Format {
	hdr := ""
	if hi >= 0 {
		hdr = rl[hi].text
	}
	// a Keras 3 box table has its heavy header, its borders or its row separators; a retyped
	// table (Markdown pipes, HTML) has cells and nothing else
	keras3 := false
	for _, l := range rl {
		switch l.kind {
		case lkBoxTop, lkBoxSep, lkBoxBottom, lkBoxHead:
			keras3 = true
		}
		if l.kind == lkBoxHeadSep && strings.Contains(l.text, "╇") {
			keras3 = true
		}
	}
	pipe := box && !keras3
	if box && !pipe {
		return Keras3
	}
	if strings.Contains(hdr, "Output shape") || strings.Contains(hdr, "Input Shape") || strings.Contains(hdr, "Receives inputs") {
		return TFJS
	}
	for _, r := range t.Rows {
		if strings.Contains(r.OutputText, "null") {
			return TFJS
		}
	}
	sizeNoComma := t.Totals.TotalSize != "" && t.Totals.Total != nil && !strings.Contains(totalsText(rl, t.Totals.Line), ",")
	if pipe {
		switch {
		case sizeNoComma:
			return Keras27
		case t.Totals.TotalSize != "":
			return Keras3
		}
		return Keras2
	}
	if t.Keras0 {
		return Keras1
	}
	for _, l := range rl {
		if isRuleText(normalize.TrimSpace(l.text)) && strings.HasPrefix(normalize.TrimSpace(l.text), "---") {
			return Keras1 // Keras 0.x rules
		}
	}
	if c.conn >= 0 {
		for _, r := range t.Rows {
			if keras1Classes[r.TypeText] {
				return Keras1
			}
			for _, n := range keras1Names {
				if strings.HasPrefix(r.Name, n) {
					return Keras1
				}
			}
			for _, cn := range r.Connected {
				if strings.HasSuffix(cn.Layer, "_input_1") && !strings.Contains(cn.Layer, "_1_input") {
					// Keras 1 Sequential: the first row reads "<class>_input_1[0][0]"
					if !strings.Contains(cn.Layer, "_") || strings.Count(cn.Layer, "_") == 2 {
						return Keras1
					}
				}
			}
		}
	}
	for _, r := range t.Rows {
		if keras1Classes[r.TypeText] {
			return Keras1
		}
	}
	// tf.keras 2.7+: the header starts one space in from the rules, spacer lines between rows,
	// connection lists, nested rows in | borders, totals without separators but with sizes
	hasRule := false
	for _, k := range kinds {
		if k == tRule || k == tEq {
			hasRule = true
		}
	}
	if hasRule && strings.HasPrefix(hdr, " ") && !strings.HasPrefix(hdr, "  ") {
		return Keras27
	}
	if sizeNoComma {
		return Keras27
	}
	if t.Totals.TotalSize != "" && t.Totals.Total != nil && *t.Totals.Total >= 1000 {
		// a size beside a total with thousands separators: only Keras 3 prints both (tf.keras
		// 2.13–2.15 prints sizes without separators), whatever the table's frame became
		return Keras3
	}
	for i := 1; i+1 < len(kinds); i++ {
		if kinds[i] == tBlank && (kinds[i-1] == tRow || kinds[i-1] == tCont) && kinds[i+1] == tRow {
			return Keras27
		}
		if kinds[i] == tMacron {
			return Keras27
		}
	}
	for _, r := range t.Rows {
		if strings.Contains(r.ConnText, "'") || strings.HasPrefix(r.ParamsText, "0 (unused)") {
			return Keras27
		}
	}
	for _, l := range rl {
		if strings.Contains(l.text, "['") || strings.HasSuffix(normalize.TrimSpace(l.text), " []") {
			return Keras27
		}
	}
	return Keras2
}

func totalsText(rl []rline, no int) string {
	for _, l := range rl {
		if l.no == no && isTotalsText(normalize.TrimSpace(l.text)) && strings.Contains(l.text, "Total") {
			return l.text
		}
	}
	return ""
}
