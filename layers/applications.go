package layers

import "strings"

// The keras.applications bases, as one row of a summary (a nested model named after the base).
// Counts were recomputed from the architectures (ResNet, ResNetV2, DenseNet, MobileNet,
// MobileNetV2, EfficientNetB0–B7, VGG) or are the published ones checked against the head size.
// Pooling "avg" / "max" changes no count; input size does not either (only the channels and
// classes would, and those rows are left to the model-level sums).

type application struct {
	class      string // keras.applications function
	noTop, top int64  // include_top=False / True (1000 classes)
	nonTrain   int64  // BatchNormalization (and Normalization) statistics; -1 unknown
	features   int64  // channels of the last feature map (pooled output width)
	chanDelta  int64  // weights per input channel (first convolution, EfficientNet's Normalization); 0 unknown
	classDelta int64  // weights per class of the top (its input width + 1); 0: the top depends on the image size
}

// deltas: the first convolution's weights per input channel, and the top's per class.
var appDeltas = map[string][2]int64{
	"vgg16": {576, 0}, "vgg19": {576, 0},
	"resnet50": {3136, 2049}, "resnet101": {3136, 2049}, "resnet152": {3136, 2049},
	"resnet50v2": {3136, 2049}, "resnet101v2": {3136, 2049}, "resnet152v2": {3136, 2049},
	"inception_v3": {288, 2049}, "inception_resnet_v2": {288, 1537}, "xception": {288, 2049},
	"mobilenet_1.00": {288, 1025}, "mobilenetv2_1.00": {288, 1281},
	"mobilenetv3small": {144, 1025}, "mobilenetv3large": {144, 1281},
	"efficientnetb0": {290, 1281}, "efficientnetb1": {290, 1281}, "efficientnetb2": {290, 1409},
	"efficientnetb3": {362, 1537}, "efficientnetb4": {434, 1793}, "efficientnetb5": {434, 2049},
	"efficientnetb6": {506, 2305}, "efficientnetb7": {578, 2561},
	"densenet121": {3136, 1025}, "densenet169": {3136, 1665}, "densenet201": {3136, 1921},
}

func init() {
	for k, d := range appDeltas {
		a := applications[k]
		a.chanDelta, a.classDelta = d[0], d[1]
		applications[k] = a
	}
}

// reachable reports whether p is the base count plus some change of input channels (C ≥ 1) and,
// with the top, of classes (≥ 1; fixed by the output width when it is known).
func (a application) reachable(p int64, top bool, classes int64) (string, bool) {
	base := a.noTop
	if top {
		if a.classDelta == 0 {
			return "", p == a.top
		}
		base = a.top
		if classes > 0 {
			base += (classes - 1000) * a.classDelta
		}
	}
	if a.chanDelta == 0 {
		return "", p == base
	}
	for c := int64(1); c <= 64; c++ {
		q := p - base - (c-3)*a.chanDelta
		if q == 0 {
			return itoa(c) + " input channels", true
		}
		if top && classes <= 0 && q%a.classDelta == 0 && 1000+q/a.classDelta >= 1 {
			return itoa(c) + " input channels, " + itoa(1000+q/a.classDelta) + " classes", true
		}
	}
	return "", false
}

// channels is the number of input channels that gives a base without top the count p.
func (a application) channels(p int64) int64 {
	for c := int64(1); c <= 64; c++ {
		if p-a.noTop-(c-3)*a.chanDelta == 0 {
			return c
		}
	}
	return 3
}

var applications = map[string]application{
	"vgg16":               {"VGG16", 14714688, 138357544, 0, 512, 0, 0},
	"vgg19":               {"VGG19", 20024384, 143667240, 0, 512, 0, 0},
	"resnet50":            {"ResNet50", 23587712, 25636712, 53120, 2048, 0, 0},
	"resnet101":           {"ResNet101", 42658176, 44707176, 105344, 2048, 0, 0},
	"resnet152":           {"ResNet152", 58370944, 60419944, 151424, 2048, 0, 0},
	"resnet50v2":          {"ResNet50V2", 23564800, 25613800, 45440, 2048, 0, 0},
	"resnet101v2":         {"ResNet101V2", 42626560, 44675560, 97664, 2048, 0, 0},
	"resnet152v2":         {"ResNet152V2", 58331648, 60380648, 143744, 2048, 0, 0},
	"inception_v3":        {"InceptionV3", 21802784, 23851784, 34432, 2048, 0, 0},
	"inception_resnet_v2": {"InceptionResNetV2", 54336736, 55873736, 60544, 1536, 0, 0},
	"xception":            {"Xception", 20861480, 22910480, 54528, 2048, 0, 0},
	"mobilenet_1.00":      {"MobileNet", 3228864, 4253864, 21888, 1024, 0, 0},
	"mobilenetv2_1.00":    {"MobileNetV2", 2257984, 3538984, 34112, 1280, 0, 0},
	"mobilenetv3small":    {"MobileNetV3Small", 939120, 2554968, -1, 576, 0, 0},
	"mobilenetv3large":    {"MobileNetV3Large", 2996352, 5507432, -1, 960, 0, 0},
	"efficientnetb0":      {"EfficientNetB0", 4049571, 5330571, 42023, 1280, 0, 0},
	"efficientnetb1":      {"EfficientNetB1", 6575239, 7856239, 62055, 1280, 0, 0},
	"efficientnetb2":      {"EfficientNetB2", 7768569, 9177569, 67575, 1408, 0, 0},
	"efficientnetb3":      {"EfficientNetB3", 10783535, 12320535, 87303, 1536, 0, 0},
	"efficientnetb4":      {"EfficientNetB4", 17673823, 19466823, 125207, 1792, 0, 0},
	"efficientnetb5":      {"EfficientNetB5", 28513527, 30562527, 172743, 2048, 0, 0},
	"efficientnetb6":      {"EfficientNetB6", 40960143, 43265143, 224439, 2304, 0, 0},
	"efficientnetb7":      {"EfficientNetB7", 64097687, 66658687, 310727, 2560, 0, 0},
	"efficientnetv2-b0":   {"EfficientNetV2B0", 5919312, 7200312, -1, 1280, 0, 0},
	"efficientnetv2-s":    {"EfficientNetV2S", 20331360, 21612360, -1, 1280, 0, 0},
	"efficientnetv2-m":    {"EfficientNetV2M", 53150388, 54431388, -1, 1280, 0, 0},
	"efficientnetv2-l":    {"EfficientNetV2L", 117746848, 119027848, -1, 1280, 0, 0},
	"densenet121":         {"DenseNet121", 7037504, 8062504, 83648, 1024, 0, 0},
	"densenet169":         {"DenseNet169", 12642880, 14307880, 158400, 1664, 0, 0},
	"densenet201":         {"DenseNet201", 18321984, 20242984, 229056, 1920, 0, 0},
	"nasnetmobile":        {"NASNetMobile", 4269716, 5326716, -1, 1056, 0, 0},
	"nasnetlarge":         {"NASNetLarge", 84916818, 88949818, -1, 4032, 0, 0},
}

// lookupApplication recognises a base from the name its row prints: "vgg16",
// "mobilenetv2_1.00_224", "efficientnetb0", "inception_v3", "MobilenetV3small", "NASNet" (with
// the output shape telling the mobile and large variants apart), "resnet50_1".
func lookupApplication(name string, out Dims) (application, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	if a, ok := applications[n]; ok {
		return a, true
	}
	// mobilenet_1.00_224, mobilenetv2_1.00_160: width multiplier then input size
	if strings.HasPrefix(n, "mobilenet") {
		if i := strings.LastIndexByte(n, '_'); i > 0 {
			if a, ok := applications[n[:i]]; ok {
				return a, true
			}
		}
	}
	if n == "nasnet" {
		if c := out.Last(); c == 4032 {
			return applications["nasnetlarge"], true
		} else if c == 1056 {
			return applications["nasnetmobile"], true
		}
		return application{}, false
	}
	// a repeated name: resnet50_1
	if i := strings.LastIndexByte(n, '_'); i > 0 && isDigits(n[i+1:]) {
		if a, ok := applications[n[:i]]; ok {
			return a, true
		}
	}
	return application{}, false
}

// ApplicationCount gives the count of a keras.applications base printed as one row, recognised
// from its layer name; out (the printed output shape, may be nil) tells whether the top is
// included: a 1000-wide output is the ImageNet classifier, anything else the base without top.
// nonTrainable is the BatchNormalization statistics part, or -1 when not known.
func ApplicationCount(name string, out Dims) (total, nonTrainable int64, derivation Deriv, ok bool) {
	a, ok := lookupApplication(name, out)
	if !ok {
		return 0, 0, nil, false
	}
	say := func(what string, n int64) Deriv {
		if a.nonTrain > 0 {
			return D("keras.applications."+a.class+" "+what+", one row for the whole nested model ({} of its weights are BatchNormalization statistics): {}", a.nonTrain, n)
		}
		return D("keras.applications."+a.class+" "+what+", one row for the whole nested model: {}", n)
	}
	if len(out) == 2 && out[1] == 1000 && a.features != 1000 {
		return a.top, a.nonTrain, say("with the 1000-class top", a.top), true
	}
	return a.noTop, a.nonTrain, say("without top (include_top=False)", a.noTop), true
}

// ApplicationBase names the keras.applications base a row's name shows (as lookupApplication
// reads it) and the channels of its last feature map.
func ApplicationBase(name string, out Dims) (class string, features int64, ok bool) {
	a, ok := lookupApplication(name, out)
	return a.class, a.features, ok
}

// oneDigitApart reports whether a and b have the same number of digits and differ in exactly one.
func oneDigitApart(a, b int64) bool {
	if a == b || a < 0 || b < 0 {
		return false
	}
	sa, sb := itoa(a), itoa(b)
	if len(sa) != len(sb) {
		return false
	}
	diff := 0
	for i := range sa {
		if sa[i] != sb[i] {
			diff++
		}
	}
	return diff == 1
}

// explainApplication judges a nested-model row named after a keras.applications base.
func explainApplication(o *Obs) (Verdict, bool) {
	a, ok := lookupApplication(o.Name, outShape(o))
	if !ok {
		return Verdict{}, false
	}
	mk := func(top bool) Fit {
		if top {
			return Fit{Params: a.top, Config: a.class + ", include_top=True",
				Derivation: D("keras.applications."+a.class+" with the 1000-class top: {}", a.top)}
		}
		return Fit{Params: a.noTop, Config: a.class + ", include_top=False",
			Derivation: D("keras.applications."+a.class+" without top: {}", a.noTop)}
	}
	fits := []Fit{mk(false), mk(true)}
	out := outShape(o)
	if len(out) == 2 && out[1] == 1000 {
		fits[0], fits[1] = fits[1], fits[0]
	}
	p, ok := pcount(o)
	if !ok {
		return okFit(fits[0]), true
	}
	for _, f := range fits {
		if f.Params == p {
			return okFit(f), true
		}
	}
	for _, f := range fits {
		if oneDigitApart(f.Params, p) {
			return mismatch(o, o.Name+" prints "+Num(p)+", one digit off keras.applications."+a.class, []Fit{f}), true
		}
	}
	// other input channels or classes change the count by whole steps
	classes := int64(-1)
	topShown := false
	if len(out) == 2 && out[1] > 0 && out[1] != a.features {
		classes, topShown = out[1], true
	}
	noTopShown := len(out) == 4 || (len(out) == 2 && out[1] == a.features)
	if a.chanDelta > 0 {
		if !topShown {
			if cfg, ok := a.reachable(p, false, 0); ok {
				f := Fit{Params: p, Config: a.class + ", include_top=False, " + cfg,
					Derivation: Say("keras.applications."+a.class+" without top, on "+cfg+": ").Then("", Count(Add(lbl("the 3-channel base", N(a.noTop)),
						Mul(Sub(N(a.channels(p)), N(3)), N(a.chanDelta, "per input channel")))))}
				return okFit(f), true
			}
		}
		if !noTopShown && a.classDelta > 0 {
			if cfg, ok := a.reachable(p, true, classes); ok {
				f := Fit{Params: p, Config: a.class + ", include_top=True, " + cfg,
					Derivation: D("keras.applications."+a.class+" with its top ({} with 3 channels and 1000 classes), on other channels or classes: {}", a.top, p)}
				return okFit(f), true
			}
		}
		if a.classDelta > 0 || noTopShown {
			return mismatch(o, "no keras.applications."+a.class+" has "+Num(p)+
				" weights (other input channels change it in steps of "+Num(a.chanDelta)+")", fits), true
		}
	}
	return Verdict{Status: Unknown, Fit: &fits[0], Message: "keras.applications." + a.class + " has " + Num(a.noTop) +
		" weights without top and " + Num(a.top) + " with it; other input channels or classes change the count"}, true
}

// ApplicationByCount names the keras.applications base whose count (with or without its top)
// is n, when exactly one is.
func ApplicationByCount(n int64) (string, bool, bool) {
	found, top, count := "", false, 0
	for _, a := range applications {
		switch n {
		case a.noTop:
			found, top = a.class, false
			count++
		case a.top:
			found, top = a.class, true
			count++
		}
	}
	return found, top, count == 1
}
