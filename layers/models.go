package layers

// Model rows and rows that are not user layers: nested Sequential / Functional / Model rows (the
// model-level code sums their layers; a keras.applications base is recognised by name), TF-Hub
// KerasLayer rows, and Keras 3 operation rows (keras.ops calls, weightless).

func init() {
	register(
		&Spec{Class: "Sequential", Family: "model", Explain: explainModel},
		&Spec{Class: "Functional", Family: "model", Explain: explainModel},
		&Spec{Class: "Model", Family: "model", Explain: explainModel},
		&Spec{Class: "KerasLayer", Family: "model",
			Explain: func(o *Obs) Verdict {
				return unknown("a TensorFlow Hub layer: its weights come from the downloaded module")
			}},
	)
	for _, c := range keras3Ops {
		if Lookup(c) == nil {
			register(&Spec{Class: c, Family: "operation", Weightless: true, Explain: weightless(nil)})
		}
	}
}

func explainModel(o *Obs) Verdict {
	if v, ok := explainApplication(o); ok {
		return v
	}
	return unknown("a nested model: its count is the sum of its layers")
}

// keras3Ops are the operation classes a Keras 3 functional summary prints for keras.ops calls.
var keras3Ops = []string{
	"GetItem", "Transpose", "Matmul", "Einsum", "Mean", "Sum", "Max", "Min", "Prod", "Std", "Var", "Argmax",
	"Argmin", "Squeeze", "ExpandDims", "Cast", "Sqrt", "Rsqrt", "Exp", "Log", "Absolute", "Abs", "Square", "Power",
	"Negative", "Divide", "TrueDivide", "FloorDivide", "Mod", "Relu", "Relu6", "Sigmoid", "Tanh", "Gelu", "Silu",
	"Swish", "Selu", "Elu", "Softplus", "Softsign", "LogSoftmax", "HardSigmoid", "HardSilu", "LeakyRelu", "Erf",
	"Stack", "Split", "Tile", "Repeat", "Take", "TakeAlongAxis", "Where", "Norm", "Pad", "Clip", "Cumsum",
	"Cumprod", "Flip", "Roll", "Sort", "Argsort", "TopK", "OneHot", "Equal", "NotEqual", "Greater",
	"GreaterEqual", "Less", "LessEqual", "LogicalAnd", "LogicalOr", "LogicalNot", "Round", "Floor", "Ceil",
	"Sign", "Reciprocal", "Slice", "BroadcastTo", "Ravel", "Swapaxes", "Moveaxis", "Tril", "Triu", "ZerosLike",
	"OnesLike", "Outer", "Tensordot", "Hstack", "Vstack", "Append", "Log1p", "Expm1", "Sin", "Cos",
	"Normalize", "Reshape", "Concatenate", "Add", "Subtract", "Multiply", "Maximum", "Minimum", "Softmax",
	"Dot", "Flatten", "Average", "Any", "All", "IsNan", "Isnan", "Isinf", "Isfinite", "NanToNum", "Identity",
}
