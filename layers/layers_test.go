package layers

import (
	"strings"
	"testing"

	"github.com/kexplain/kexplain/grammar"
)

// One table per family, from the cheat-sheet's worked examples: the observation, the printed
// count, and the verdict (for OK, the count must be the fit's).

type layerCase struct {
	class  string
	format grammar.Format
	in     []Dims
	out    Dims
	params int64
	want   Status
	config string // a substring of Fit.Config, when set
}

func n(x ...int64) Dims { return Dims(append([]int64{-1}, x...)) }

func ins(d ...Dims) []Dims { return d }

func runCases(t *testing.T, cases []layerCase) {
	t.Helper()
	for _, c := range cases {
		s := Lookup(c.class)
		if s == nil {
			t.Errorf("%s: no entry", c.class)
			continue
		}
		p := c.params
		o := &Obs{Class: c.class, Format: c.format, In: c.in, Out: c.out, Params: &p}
		var v Verdict
		if s.Explain != nil {
			v = s.Explain(o)
		}
		if v.Status != c.want {
			t.Errorf("%s in=%v out=%v %d: got %s (%s), want %s", c.class, c.in, c.out, c.params, v.Status, v.Message, c.want)
			continue
		}
		if v.Status == OK {
			if v.Fit == nil || v.Fit.Params != c.params {
				t.Errorf("%s %d: OK without the matching fit: %+v", c.class, c.params, v.Fit)
				continue
			}
			if d := v.Fit.Derivation; len(d) > 0 && c.params > 0 && !strings.HasSuffix(d.String(), Num(c.params)) {
				t.Errorf("%s %d: derivation %q does not end in the count", c.class, c.params, d.String())
			}
			if c.config != "" && !strings.Contains(v.Fit.Config, c.config) {
				t.Errorf("%s %d: config %q, want it to mention %q", c.class, c.params, v.Fit.Config, c.config)
			}
		}
		if v.Status == Mismatch && (len(v.Nearest) == 0 && v.Message == "") {
			t.Errorf("%s %d: mismatch without a message", c.class, c.params)
		}
	}
}

func TestCoreLayers(t *testing.T) {
	runCases(t, []layerCase{
		{"Dense", grammar.Keras3, ins(n(1280)), n(128), 163968, OK, "with bias"},
		{"Dense", grammar.Keras3, ins(n(1280)), n(128), 163969, Mismatch, ""},
		{"Dense", grammar.Keras3, ins(n(1280)), n(128), 163840, OK, "use_bias=False"},
		{"Dense", grammar.Keras3, ins(n(10, 64)), n(10, 32), 2080, OK, ""},
		{"Dense", grammar.Keras1, nil, n(128), 163968, OK, ""},
		{"Dense", grammar.Keras1, nil, n(5), 5, OK, "use_bias=False"}, // one input, no bias
		{"Dense", grammar.Keras1, nil, n(128), 163969, Mismatch, ""},
		{"Embedding", grammar.Keras2, ins(n(100)), n(100, 64), 640000, OK, ""},
		{"Embedding", grammar.Keras2, ins(n(100)), n(100, 64), 640001, Mismatch, ""},
		{"Dropout", grammar.Keras1, ins(n(128)), n(128), 0, OK, ""},
		{"Flatten", grammar.Keras1, ins(n(20, 64)), n(1280), 0, OK, ""},
		{"Flatten", grammar.Keras1, ins(n(20, 64)), n(1344), 0, Mismatch, ""},
		{"Highway", grammar.Keras1, ins(n(10)), n(10), 220, OK, ""},
		{"TimeDistributedDense", grammar.Keras1, ins(n(10, 8)), n(10, 3), 27, OK, ""},
		{"MaxoutDense", grammar.Keras1, ins(n(10)), n(5), 4 * 55, OK, "nb_feature=4"},
		{"PReLU", grammar.Keras3, ins(n(28, 28, 32)), n(28, 28, 32), 25088, OK, ""},
		{"PReLU", grammar.Keras3, ins(n(28, 28, 32)), n(28, 28, 32), 32, OK, ""},
		{"PReLU", grammar.Keras3, ins(n(28, 28, 32)), n(28, 28, 32), 33, Mismatch, ""},
	})
}

func TestConvolutionLayers(t *testing.T) {
	runCases(t, []layerCase{
		{"Convolution1D", grammar.Keras1, ins(n(41, 1)), n(41, 64), 256, OK, "kernel 3"},
		{"Convolution1D", grammar.Keras1, nil, n(41, 64), 256, OK, ""},
		{"Convolution1D", grammar.Keras1, nil, n(41, 64), 257, Mismatch, ""},
		{"Conv1D", grammar.Keras2, ins(n(100, 16)), n(48, 32), 2592, OK, "kernel 5"},
		{"Conv1D", grammar.Keras3, ins(n(100, 8)), n(100, 32), 800, OK, ""},
		{"Conv2D", grammar.Keras3, ins(n(28, 28, 1)), n(26, 26, 32), 320, OK, "kernel 3 × 3"},
		{"Conv2D", grammar.Keras3, ins(n(28, 28, 3)), n(26, 26, 16), 432, OK, "use_bias=False"},
		{"Conv2D", grammar.Keras3, ins(n(26, 26, 32)), n(13, 13, 64), 18496, OK, ""},
		{"Conv2D", grammar.Keras3, ins(n(26, 26, 32)), n(13, 13, 64), 18497, Mismatch, ""},
		{"Conv2D", grammar.Keras3, ins(n(32, 32, 32)), n(30, 30, 64), 4672, OK, "groups=4"},
		{"Conv3D", grammar.Keras3, ins(n(16, 16, 16, 1)), n(14, 14, 14, 8), 224, OK, "3 × 3 × 3"},
		{"Conv2DTranspose", grammar.Keras3, ins(n(11, 11, 256)), n(23, 23, 16), 36880, OK, ""},
		{"Conv2DTranspose", grammar.Keras3, ins(n(23, 23, 16)), n(46, 46, 8), 2056, OK, ""},
		{"Conv2DTranspose", grammar.Keras3, ins(n(7, 7, 32)), n(14, 14, 8), 2312, OK, ""},
		{"Conv2DTranspose", grammar.Keras3, ins(n(7, 7, 32)), n(14, 14, 8), 2313, Mismatch, ""},
		{"SeparableConv2D", grammar.Keras3, ins(n(13, 13, 64)), n(13, 13, 128), 8896, OK, ""},
		{"SeparableConv2D", grammar.Keras3, ins(n(13, 13, 64)), n(13, 13, 128), 8897, Mismatch, ""},
		{"DepthwiseConv2D", grammar.Keras3, ins(n(13, 13, 128)), n(11, 11, 256), 2560, OK, "depth_multiplier=2"},
		{"DepthwiseConv2D", grammar.Keras3, ins(n(13, 13, 128)), n(11, 11, 256), 2561, Mismatch, ""},
		{"LocallyConnected1D", grammar.Keras2, ins(n(10, 4)), n(8, 8), 832, OK, ""},
		{"MaxPooling1D", grammar.Keras1, ins(n(41, 64)), n(20, 64), 0, OK, ""},
		{"MaxPool2D", grammar.Keras3, ins(n(46, 46, 8)), n(23, 23, 8), 0, OK, ""},
		{"GlobalAveragePooling2D", grammar.Keras3, ins(n(7, 7, 512)), n(512), 0, OK, ""},
		{"UpSampling2D", grammar.Keras3, ins(n(14, 18, 8)), n(28, 54, 8), 0, OK, ""},
	})
}

func TestNormalizationLayers(t *testing.T) {
	runCases(t, []layerCase{
		{"BatchNormalization", grammar.Keras3, ins(n(30, 30, 16)), n(30, 30, 16), 64, OK, ""},
		{"BatchNormalization", grammar.Keras3, ins(n(30, 30, 16)), n(30, 30, 16), 48, OK, ""},
		{"BatchNormalization", grammar.Keras3, ins(n(30, 30, 16)), n(30, 30, 16), 65, Mismatch, ""},
		{"BatchNormalization", grammar.Keras3, ins(n(16, 30, 30)), n(16, 30, 30), 64, OK, "axis of size 16"},
		{"BatchNormalization", grammar.Keras1, ins(n(32)), n(32), 64, OK, "trainable weights only"},
		{"BatchNormalization", grammar.Keras1, ins(n(32)), n(32), 128, OK, ""},
		{"LayerNormalization", grammar.Keras3, ins(n(10, 512)), n(10, 512), 1024, OK, ""},
		{"LayerNormalization", grammar.Keras3, ins(n(10, 512)), n(10, 512), 1025, Mismatch, ""},
		{"LayerNormalization", grammar.Keras3, ins(n(10, 512)), n(10, 512), 10240, OK, ""},
		{"GroupNormalization", grammar.Keras3, ins(n(32, 32, 64)), n(32, 32, 64), 128, OK, ""},
		{"GroupNormalization", grammar.Keras3, ins(n(32, 32, 64)), n(32, 32, 64), 64, OK, ""},
		{"Normalization", grammar.Keras3, ins(n(8)), n(8), 17, OK, ""},
		{"Normalization", grammar.Keras3, ins(n(8)), n(8), 18, Mismatch, ""},
		{"RMSNormalization", grammar.Keras3, ins(n(12)), n(12), 12, OK, ""},
		{"SpectralNormalization", grammar.Keras3, ins(n(256)), n(32), 8256, OK, ""},
	})
}

func TestRecurrentLayers(t *testing.T) {
	runCases(t, []layerCase{
		{"SimpleRNN", grammar.Keras3, ins(n(20, 8)), n(32), 1312, OK, ""},
		{"LSTM", grammar.Keras3, ins(n(50, 10)), n(64), 19200, OK, ""},
		{"LSTM", grammar.Keras3, ins(n(50, 10)), n(64), 19201, Mismatch, ""},
		{"LSTM", grammar.Keras1, nil, n(64), 19200, OK, ""},
		{"LSTM", grammar.Keras1, nil, n(64), 19201, Mismatch, ""},
		{"GRU", grammar.Keras2, ins(n(50, 10)), n(64), 14400, OK, "reset_after=False"},
		{"GRU", grammar.Keras3, ins(n(50, 10)), n(64), 14592, OK, "reset_after=True"},
		{"GRU", grammar.Keras3, ins(n(50, 10)), n(64), 14593, Mismatch, ""},
		{"CuDNNLSTM", grammar.Keras2, ins(n(50, 10)), n(64), 19456, OK, ""},
		{"Bidirectional", grammar.Keras3, ins(n(50, 128)), n(128), 98816, OK, "LSTM"},
		{"Bidirectional", grammar.Keras3, ins(n(50, 128)), n(128), 98817, Mismatch, ""},
		{"TimeDistributed", grammar.Keras3, ins(n(10, 8)), n(10, 3), 27, OK, "Dense"},
		{"TimeDistributed", grammar.Keras3, ins(n(10, 8)), n(10, 3), 28, Mismatch, ""},
		{"ConvLSTM2D", grammar.Keras3, ins(n(5, 16, 16, 3)), n(5, 16, 16, 8), 3200, OK, ""},
		{"ConvLSTM2D", grammar.Keras3, ins(n(5, 16, 16, 3)), n(5, 16, 16, 8), 3201, Mismatch, ""},
		{"RNN", grammar.TFJS, ins(n(10, 16)), n(4), 1008, OK, "LSTMCell(8)"},
	})
}

func TestAttentionLayers(t *testing.T) {
	runCases(t, []layerCase{
		{"MultiHeadAttention", grammar.Keras3, ins(n(10, 512), n(10, 512)), n(10, 512), 1050624, OK, ""},
		{"MultiHeadAttention", grammar.Keras3, ins(n(10, 32), n(12, 48)), n(10, 32), 5248, OK, ""},
		{"GroupedQueryAttention", grammar.Keras3, ins(n(10, 32), n(10, 32)), n(10, 32), 5248, OK, ""},
		{"Attention", grammar.Keras3, ins(n(5, 4), n(8, 4)), n(5, 4), 0, OK, ""},
		{"Attention", grammar.Keras3, ins(n(5, 4), n(8, 4)), n(5, 4), 3, Mismatch, ""},
		{"AdditiveAttention", grammar.Keras3, ins(n(5, 256), n(8, 256)), n(5, 256), 256, OK, ""},
		{"EinsumDense", grammar.Keras3, ins(n(32, 128)), n(-1, 64), 8256, OK, ""},
	})
}

func TestApplications(t *testing.T) {
	for _, c := range []struct {
		name  string
		out   Dims
		total int64
		nt    int64
	}{
		{"vgg16", n(7, 7, 512), 14714688, 0},
		{"vgg16", n(1000), 138357544, 0},
		{"resnet50", n(2048), 23587712, 53120},
		{"resnet50", n(1000), 25636712, 53120},
		{"inception_v3", n(5, 5, 2048), 21802784, 34432},
		{"xception", nil, 20861480, 54528},
		{"mobilenetv2_1.00_224", n(7, 7, 1280), 2257984, 34112},
		{"mobilenetv2_1.00_160", n(5, 5, 1280), 2257984, 34112},
		{"efficientnetb0", n(7, 7, 1280), 4049571, 42023},
		{"densenet121", n(1024), 7037504, 83648},
		{"vgg19", nil, 20024384, 0},
	} {
		total, nt, d, ok := ApplicationCount(c.name, c.out)
		if !ok || total != c.total || nt != c.nt {
			t.Errorf("%s %v: got %d, %d, %v; want %d, %d", c.name, c.out, total, nt, ok, c.total, c.nt)
		}
		if ok && !strings.HasSuffix(d.String(), Num(total)) {
			t.Errorf("%s: derivation %q", c.name, d.String())
		}
	}
	p := int64(14714689)
	if v := explainModel(&Obs{Class: "Functional", Name: "vgg16", Out: n(7, 7, 512), Params: &p}); v.Status != Mismatch {
		t.Errorf("vgg16 one digit off: %s", v.Status)
	}
	p = 14714688 - 1152 // one input channel instead of three
	if v := explainModel(&Obs{Class: "Functional", Name: "vgg16", Out: n(7, 7, 512), Params: &p}); v.Status != OK ||
		!strings.Contains(v.Fit.Config, "1 input channels") {
		t.Errorf("vgg16 other channels: %s %+v", v.Status, v.Fit)
	}
	p = 4049564 // real-dev 073: 7 less than EfficientNetB0, no channel count gives it
	if v := explainModel(&Obs{Class: "Functional", Name: "efficientnetb0", Out: n(7, 7, 1280), Params: &p}); v.Status != Mismatch {
		t.Errorf("efficientnetb0 4049564: %s", v.Status)
	}
	p = 23587712 + 10*2049 // ResNet50 with a 10-class top
	if v := explainModel(&Obs{Class: "Functional", Name: "resnet50", Out: n(10), Params: &p}); v.Status != OK {
		t.Errorf("resnet50 10 classes: %s %s", v.Status, v.Message)
	}
	if _, _, _, ok := ApplicationCount("my_model", nil); ok {
		t.Errorf("my_model recognised as an application")
	}
}

// Every class of layers.md has an entry.
func TestClassCoverage(t *testing.T) {
	for _, c := range strings.Fields(`Dense Conv1D Convolution1D Conv2D Convolution2D Conv3D AtrousConvolution1D
		AtrousConvolution2D Deconvolution2D Conv2DTranspose Conv1DTranspose Conv3DTranspose SeparableConv1D SeparableConv2D
		SeparableConvolution2D DepthwiseConv1D DepthwiseConv2D LocallyConnected1D LocallyConnected2D UpSampling1D UpSampling2D
		UpSampling3D ZeroPadding1D ZeroPadding2D ZeroPadding3D Cropping1D Cropping2D Cropping3D MaxPooling1D MaxPool1D
		MaxPooling2D MaxPool2D MaxPooling3D AveragePooling1D AvgPool2D AveragePooling3D GlobalMaxPooling1D GlobalMaxPool2D
		GlobalAveragePooling2D GlobalAvgPool3D AdaptiveAveragePooling2D BatchNormalization LayerNormalization GroupNormalization
		UnitNormalization RMSNormalization Normalization SpectralNormalization SimpleRNN LSTM GRU CuDNNLSTM CuDNNGRU ConvLSTM1D
		ConvLSTM2D ConvLSTM3D RNN Bidirectional TimeDistributed EinsumDense MultiHeadAttention Attention AdditiveAttention
		GroupedQueryAttention Add Subtract Multiply Average Maximum Minimum Concatenate Dot Merge Rescaling Resizing CenterCrop
		RandomCrop RandomFlip RandomRotation RandomZoom CategoryEncoding Hashing StringLookup IntegerLookup TextVectorization
		Discretization TFOpLambda SlicingOpLambda InputLayer Activation Identity Dropout SpatialDropout1D SpatialDropout2D
		GaussianNoise GaussianDropout AlphaDropout ActivityRegularization Masking LeakyReLU PReLU ELU ReLU Softmax
		ThresholdedReLU Flatten Reshape Permute RepeatVector Lambda Embedding Highway MaxoutDense TimeDistributedDense
		ParametricSoftplus SReLU Sequential Functional Model KerasLayer GetItem`) {
		if Lookup(c) == nil {
			t.Errorf("no entry for %s", c)
		}
	}
}

func TestBuild(t *testing.T) {
	out, w, err := Lookup("Conv1D").Build(Config{"filters": int64(64), "kernel_size": int64(3), "padding": "same"}, []Dims{n(41, 1)})
	if err != nil || len(out) != 1 || out[0][1] != 41 || out[0][2] != 64 || w[0].Size()+w[1].Size() != 256 {
		t.Errorf("Conv1D build: %v %v %v", out, w, err)
	}
	out, _, err = Lookup("MaxPooling1D").Build(Config{"pool_size": int64(2)}, out)
	if err != nil || out[0][1] != 20 {
		t.Errorf("MaxPooling1D build: %v %v", out, err)
	}
	out, _, _ = Lookup("Flatten").Build(nil, out)
	if out[0][1] != 1280 {
		t.Errorf("Flatten build: %v", out)
	}
	out, w, _ = Lookup("Dense").Build(Config{"units": int64(128)}, out)
	if out[0][1] != 128 || w[0].Size()+w[1].Size() != 163968 {
		t.Errorf("Dense build: %v %v", out, w)
	}
	_, w, _ = Lookup("GRU").Build(Config{"units": int64(64), "reset_after": true}, []Dims{n(50, 10)})
	var sum int64
	for _, x := range w {
		sum += x.Size()
	}
	if sum != 14592 {
		t.Errorf("GRU build: %d", sum)
	}
	out, _, _ = Lookup("Conv2DTranspose").Build(Config{"filters": int64(8), "kernel_size": int64(3), "strides": int64(2),
		"padding": "same", "output_padding": int64(1)}, []Dims{n(7, 7, 32)})
	if out[0][1] != 14 {
		t.Errorf("Conv2DTranspose build: %v", out)
	}
}

// TestVersionStringOutOfRange: Version.String never panics (split-report bug 6).
func TestVersionStringOutOfRange(t *testing.T) {
	for _, v := range []Version{-1, 5, 99} {
		if s := v.String(); !strings.HasPrefix(s, "Version(") {
			t.Errorf("Version(%d).String() = %q", int(v), s)
		}
	}
	if Keras3.String() != "Keras 3" {
		t.Errorf("Keras3 is %q", Keras3.String())
	}
}

// TestWrapperAroundNoLayer: Bidirectional and the other wrappers around a layer the code does
// not know are an error, not a nil dereference (split-report bug 1).
func TestWrapperAroundNoLayer(t *testing.T) {
	for _, cls := range []string{"Bidirectional", "TimeDistributed", "SpectralNormalization"} {
		_, _, err := Build(&Layer{Class: cls, Config: Config{}, Version: Keras3}, []Dims{{-1, 10, 8}})
		if err == nil {
			t.Errorf("%s without a layer built", cls)
		}
	}
}
