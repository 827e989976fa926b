package layers

// Priors: how common a configuration is in real code, as a cost (lower reads first). They rank
// the readings of a row whose print leaves the configuration open. Each rule is a general fact
// about how people write models, stated once here, never a fit to any one table:
//
//   - widths and channel counts are powers of two, then multiples of 8, then round numbers;
//   - raw images have 1 (grey) or 3 (RGB) channels, sometimes 4 (RGBA);
//   - kernels are 3, then 1 or 5, then 7 (and 2); square before oblong;
//   - arguments keep their defaults (bias on, center and scale on, the era's GRU reset_after);
//   - strides and dilations are 1, and the same on every axis.

// Costs of departing from a default.
const (
	costNoBias        = 2 // use_bias=False
	costLoRA          = 4 // a Keras 3 LoRA-enabled layer
	costFlagOff       = 2 // center=False, scale=False and other switched-off defaults
	costOtherEra      = 1 // a default of another version of the same era's printout
	costNonDefault    = 2 // an argument set against the era's default
	costChannelsFirst = 3 // data_format="channels_first" outside Keras 1
	costGroups        = 4 // a grouped convolution
	costStride        = 1 // strides > 1
	costUnevenStride  = 2 // strides that differ between axes
	costDilation      = 3 // dilation_rate > 1
	costRare          = 6 // a rarely used option (renorm, output_padding, implementation=2)
)

func isPow2(n int64) bool { return n > 0 && n&(n-1) == 0 }

// widthCost ranks a width, a feature count or a number of units: powers of two, multiples of
// 8, round numbers (multiples of 10 or 4), even numbers, then the rest.
func widthCost(n int64) int {
	switch {
	case n <= 0:
		return 99
	case isPow2(n):
		return 0
	case n%8 == 0:
		return 1
	case n%10 == 0 || n%4 == 0:
		return 2
	case n%2 == 0 || n%5 == 0:
		return 3
	}
	return 4
}

// imageChannelCost ranks the channels of a model's raw image input: grey or RGB, RGBA, then any
// width as widthCost ranks it.
func imageChannelCost(c int64) int {
	switch c {
	case 1, 3:
		return 0
	case 4:
		return 1
	}
	return 2 + widthCost(c)
}

// axisKernelCost ranks one kernel side: 3, then 1 and 5, then 7 and 2, then other small sizes.
func axisKernelCost(k int64) int {
	switch k {
	case 3:
		return 0
	case 1, 5:
		return 1
	case 7, 2:
		return 2
	case 4, 9, 11:
		return 3
	case 6, 8, 10:
		return 5
	}
	return 8
}

// kernelCost ranks a kernel: a square (cubic) one by its side; an oblong one costs more, one
// with a side of 1 (a row or column filter, as in factorised convolutions) least among them.
func kernelCost(ks []int64) int {
	if len(ks) == 0 {
		return 0
	}
	worst, square, hasOne := 0, true, false
	for _, k := range ks {
		worst = max(worst, axisKernelCost(k))
		square = square && k == ks[0]
		hasOne = hasOne || k == 1
	}
	if square {
		return worst
	}
	if hasOne {
		return worst + 2
	}
	return worst + 4
}

// headCost ranks a MultiHeadAttention head count: 2, 4 and 8 alike (Keras's own examples use 2),
// then 1, 12 and 16. With nothing else to tell them apart the fewest heads read first.
func headCost(h int64) int {
	switch h {
	case 2, 4, 8:
		return 0
	case 1, 12, 16:
		return 2
	}
	return 4
}

// queryHeadCost ranks GroupedQueryAttention's query heads: 8, as the models that use grouped
// queries have, then 4, 16 and 2.
func queryHeadCost(h int64) int {
	switch h {
	case 8:
		return 0
	case 4, 16:
		return 1
	case 2, 12, 32:
		return 2
	}
	return 4
}

// headDimCost ranks the size of one attention head: 8 to 64, then 4 and 128.
func headDimCost(d int64) int {
	switch {
	case d >= 8 && d <= 64 && isPow2(d):
		return 0
	case d >= 8 && d <= 64:
		return 2
	case d == 4 || d == 128:
		return 2
	}
	return 4
}
