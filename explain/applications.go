package explain

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
}

var applications = map[string]application{
	"vgg16":               {"VGG16", 14714688, 138357544, 0, 512},
	"vgg19":               {"VGG19", 20024384, 143667240, 0, 512},
	"resnet50":            {"ResNet50", 23587712, 25636712, 53120, 2048},
	"resnet101":           {"ResNet101", 42658176, 44707176, 105344, 2048},
	"resnet152":           {"ResNet152", 58370944, 60419944, 151424, 2048},
	"resnet50v2":          {"ResNet50V2", 23564800, 25613800, 45440, 2048},
	"resnet101v2":         {"ResNet101V2", 42626560, 44675560, 97664, 2048},
	"resnet152v2":         {"ResNet152V2", 58331648, 60380648, 143744, 2048},
	"inception_v3":        {"InceptionV3", 21802784, 23851784, 34432, 2048},
	"inception_resnet_v2": {"InceptionResNetV2", 54336736, 55873736, 60544, 1536},
	"xception":            {"Xception", 20861480, 22910480, 54528, 2048},
	"mobilenet_1.00":      {"MobileNet", 3228864, 4253864, 21888, 1024},
	"mobilenetv2_1.00":    {"MobileNetV2", 2257984, 3538984, 34112, 1280},
	"mobilenetv3small":    {"MobileNetV3Small", 939120, 2554968, -1, 576},
	"mobilenetv3large":    {"MobileNetV3Large", 2996352, 5507432, -1, 960},
	"efficientnetb0":      {"EfficientNetB0", 4049571, 5330571, 42023, 1280},
	"efficientnetb1":      {"EfficientNetB1", 6575239, 7856239, 62055, 1280},
	"efficientnetb2":      {"EfficientNetB2", 7768569, 9177569, 67575, 1408},
	"efficientnetb3":      {"EfficientNetB3", 10783535, 12320535, 87303, 1536},
	"efficientnetb4":      {"EfficientNetB4", 17673823, 19466823, 125207, 1792},
	"efficientnetb5":      {"EfficientNetB5", 28513527, 30562527, 172743, 2048},
	"efficientnetb6":      {"EfficientNetB6", 40960143, 43265143, 224439, 2304},
	"efficientnetb7":      {"EfficientNetB7", 64097687, 66658687, 310727, 2560},
	"efficientnetv2-b0":   {"EfficientNetV2B0", 5919312, 7200312, -1, 1280},
	"efficientnetv2-s":    {"EfficientNetV2S", 20331360, 21612360, -1, 1280},
	"efficientnetv2-m":    {"EfficientNetV2M", 53150388, 54431388, -1, 1280},
	"efficientnetv2-l":    {"EfficientNetV2L", 117746848, 119027848, -1, 1280},
	"densenet121":         {"DenseNet121", 7037504, 8062504, 83648, 1024},
	"densenet169":         {"DenseNet169", 12642880, 14307880, 158400, 1664},
	"densenet201":         {"DenseNet201", 18321984, 20242984, 229056, 1920},
	"nasnetmobile":        {"NASNetMobile", 4269716, 5326716, -1, 1056},
	"nasnetlarge":         {"NASNetLarge", 84916818, 88949818, -1, 4032},
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
	if i := strings.LastIndexByte(n, '_'); i > 0 && appDigits(n[i+1:]) {
		if a, ok := applications[n[:i]]; ok {
			return a, true
		}
	}
	return application{}, false
}

func appDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
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
	if len(out) == 2 && out[1] == 1000 && a.features != 1000 {
		return a.top, a.nonTrain, D("keras.applications."+a.class+" with the 1000-class top = {}", a.top), true
	}
	return a.noTop, a.nonTrain, D("keras.applications."+a.class+" without top (include_top=False) = {}", a.noTop), true
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
				Derivation: D("keras.applications."+a.class+" with the 1000-class top = {}", a.top)}
		}
		return Fit{Params: a.noTop, Config: a.class + ", include_top=False",
			Derivation: D("keras.applications."+a.class+" without top = {}", a.noTop)}
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
	return Verdict{Status: Unknown, Fit: &fits[0], Message: "keras.applications." + a.class + " has " + Num(a.noTop) +
		" weights without top and " + Num(a.top) + " with it; other input channels or classes change the count"}, true
}
