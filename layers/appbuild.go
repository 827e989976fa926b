package layers

import "strings"

// The keras.applications bases as code builds them: the counts of applications.go by the
// function's class name, and how the output's spatial size follows from the input's (for
// include_top=False and no pooling), from each architecture's strided layers.

// AppBase is a keras.applications base for a rebuild from code.
type AppBase struct {
	Class      string // the function: "VGG16"
	Name       string // the model's name as Keras gives it, for the default width: "vgg16", "mobilenetv2_1.00"
	NoTop, Top int64  // counts without and with the 1000-class top, for 3 input channels
	NonTrain   int64  // BatchNormalization (and Normalization) statistics without top; -1 not known
	Features   int64  // channels of the last feature map
	ChanDelta  int64  // weights per input channel other than 3; 0 not known
	ClassDelta int64  // weights per class other than 1000; 0 not known
	Size       int64  // the default input size with the top (224, 299, 331)
}

// ApplicationOf finds a base by its function's name ("VGG16", "ResNet50V2", "EfficientNetB0").
func ApplicationOf(class string) (AppBase, bool) {
	for key, a := range applications {
		if a.class == class {
			b := AppBase{Class: a.class, Name: key, NoTop: a.noTop, Top: a.top, NonTrain: a.nonTrain, Features: a.features,
				ChanDelta: a.chanDelta, ClassDelta: a.classDelta, Size: 224}
			switch key {
			case "inception_v3", "inception_resnet_v2", "xception":
				b.Size = 299
			case "nasnetlarge":
				b.Size = 331
			}
			return b, true
		}
	}
	return AppBase{}, false
}

// AppSpatial is the spatial size of the base's last feature map for an input of size h (one
// axis), from the architecture's strided layers; -1 when h is not known or the architecture's
// rule is not known to kexplain (NASNet).
func (a AppBase) AppSpatial(h int64) int64 {
	if h <= 0 {
		return -1
	}
	half := func(x int64) int64 { return x / 2 }
	ceil := func(x int64) int64 { return (x + 1) / 2 }
	valid3 := func(x int64) int64 { return (x-3)/2 + 1 } // 3×3, stride 2, valid
	times := func(x int64, f func(int64) int64, n int) int64 {
		for i := 0; i < n && x > 0; i++ {
			x = f(x)
		}
		return x
	}
	var out int64
	switch {
	case strings.HasPrefix(a.Name, "vgg"), strings.HasPrefix(a.Name, "mobilenet_"):
		out = times(h, half, 5)
	case strings.HasPrefix(a.Name, "resnet"),
		strings.HasPrefix(a.Name, "mobilenetv2"), strings.HasPrefix(a.Name, "mobilenetv3"),
		strings.HasPrefix(a.Name, "efficientnet"):
		out = times(h, ceil, 5)
	case strings.HasPrefix(a.Name, "densenet"):
		out = times(times(h, ceil, 2), half, 3)
	case a.Name == "inception_v3", a.Name == "inception_resnet_v2":
		x := valid3(h) - 2
		x = valid3(x) - 2
		out = times(x, valid3, 3)
	case a.Name == "xception":
		out = times(valid3(h)-2, ceil, 4)
	default:
		return -1
	}
	if out <= 0 {
		return 0
	}
	return out
}
