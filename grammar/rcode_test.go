package grammar

import (
	"strconv"
	"strings"
	"testing"
)

// TestRLayerClass: the R keras layer functions and the classes they make, from the package's
// NAMESPACE (rstudio/keras3), the rule and its exceptions.
func TestRLayerClass(t *testing.T) {
	for fn, want := range map[string]string{
		"layer_dense": "Dense", "layer_conv_2d": "Conv2D", "layer_conv_2d_transpose": "Conv2DTranspose",
		"layer_max_pooling_2d": "MaxPooling2D", "layer_global_average_pooling_1d": "GlobalAveragePooling1D",
		"layer_batch_normalization": "BatchNormalization", "layer_layer_normalization": "LayerNormalization",
		"layer_lstm": "LSTM", "layer_gru": "GRU", "layer_simple_rnn": "SimpleRNN", "layer_conv_lstm_2d": "ConvLSTM2D",
		"layer_separable_conv_2d": "SeparableConv2D", "layer_depthwise_conv_2d": "DepthwiseConv2D",
		"layer_upsampling_2d": "UpSampling2D", "layer_zero_padding_2d": "ZeroPadding2D", "layer_embedding": "Embedding",
		"layer_spatial_dropout_1d": "SpatialDropout1D", "layer_repeat_vector": "RepeatVector",
		"layer_multi_head_attention": "MultiHeadAttention", "layer_lstm_cell": "LSTMCell",
		"layer_stacked_rnn_cells": "StackedRNNCells", "layer_cudnn_lstm": "CuDNNLSTM",
		"layer_activation_leaky_relu": "LeakyReLU", "layer_activation_parametric_relu": "PReLU",
		"layer_activation_relu": "ReLU", "layer_input": "Input", "bidirectional": "Bidirectional",
		"time_distributed": "TimeDistributed", "layer_": "", "dense": "",
	} {
		if got := rLayerClass(fn); got != want {
			t.Errorf("rLayerClass(%s) = %q, want %q", fn, got, want)
		}
	}
}

// TestRPrograms: what R keras code becomes, statement by statement, as the Python it reads as.
func TestRPrograms(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      []string // the statements, written back as Python
	}{
		{"pipe into a model", "model <- keras_model_sequential() %>%\n  layer_dense(units = 64, input_shape = c(10)) %>%\n  layer_dense(1)\nsummary(model)\n",
			[]string{"model = keras.Sequential()", "model.add(keras.layers.Dense(units=64, input_shape=(10,)))",
				"model.add(keras.layers.Dense(1))", "model.summary()"}},
		{"model made first, then piped", "library(keras)\nm <- keras_model_sequential()\nm %>% layer_flatten(input_shape = 784) %>% layer_dropout(rate = 0.2)\nm\n",
			[]string{"from tensorflow import keras", "m = keras.Sequential()", "m.add(keras.layers.Flatten(input_shape=(784,)))",
				"m.add(keras.layers.Dropout(rate=0.2))", "m", "m.summary()"}},
		{"tensors", "inputs <- layer_input(shape = c(32))\nx <- inputs |> layer_dense(units = 8)\ny <- layer_concatenate(list(x, inputs))\nmodel <- keras_model(inputs = inputs, outputs = y)\n",
			[]string{"inputs = keras.Input(shape=(32,))", "x = keras.layers.Dense(units=8)(inputs)",
				"y = keras.layers.Concatenate()([x, inputs])", "model = keras.Model(inputs=inputs, outputs=y)"}},
		{"input shape of the Sequential", "model <- keras_model_sequential(input_shape = c(28, 28, 1), name = \"cnn\")\n",
			[]string{"model = keras.Sequential([keras.Input(shape=(28, 28, 1))], name='cnn')"}},
		{"namespaced and integer literals", "x <- keras::layer_dense(units = 16L, use_bias = FALSE)\n",
			[]string{"x = keras.layers.Dense(units=16, use_bias=False)"}},
	} {
		p := parseR(plainLines(c.src))
		if len(p.Errors) > 0 {
			t.Errorf("%s: %v", c.name, p.Errors[0])
			continue
		}
		var got []string
		for _, s := range p.Stmts {
			got = append(got, writeStmt(s))
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\ngot  %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestRBad: code R cannot read is an error at its position, never a panic.
func TestRBad(t *testing.T) {
	for src, want := range map[string]string{
		"model <- keras_model_sequential(\n":        "1:32: this ( is never closed in the R code",
		"x <- " + strings.Repeat("- ", 400) + "1\n": "operators or brackets nested too deep in the R code",
		"x <- 'abc\n": "1:6: this string is never closed in the R code",
	} {
		p := parseR(plainLines(src))
		if len(p.Errors) == 0 || !strings.Contains(p.Errors[0].Error(), want) {
			t.Errorf("%q: errors %v, want %q", src, p.Errors, want)
		}
	}
}

func FuzzR(f *testing.F) {
	for _, s := range []string{"model <- keras_model_sequential() %>% layer_dense(units = 4, input_shape = c(3))\nsummary(model)\n",
		"f <- function(x) { x %>% layer_dense(2) }\nif (a) b else c\nfor (i in 1:3) {\n  m %>% layer_dropout(0.1)\n}\n",
		"x[[1]]$y@z <- list(a = 1, b = c(1, 2))\n", "`odd name` <- 3 %in% c(1)\n", "((((", "'", "%>%", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p := parseR(plainLines(src))
		lines := strings.Count(src, "\n") + 1
		for _, e := range p.Errors {
			if strings.Contains(e.Msg, "internal error") {
				t.Fatalf("R reader panicked: %v", e)
			}
			if e.Line < 1 || e.Line > lines {
				t.Fatalf("error outside the input: %v", e)
			}
		}
	})
}

// writeStmt writes a statement back as Python, for the tests.
func writeStmt(s *Stmt) string {
	switch s.Kind {
	case StmtImport:
		if s.From() != "" {
			return "from " + s.From() + " import " + s.Imports()[0].Name
		}
		return "import " + s.Imports()[0].Name
	case StmtAssign:
		return pyText(s.Targets[0][0]) + " = " + pyText(s.Value)
	case StmtExpr:
		return pyText(s.Value)
	}
	return s.Text
}

func pyText(e *Expr) string {
	if e == nil {
		return "?"
	}
	switch e.Kind {
	case ExprName:
		return e.Name
	case ExprInt:
		return strconv.FormatInt(e.Int, 10)
	case ExprFloat:
		return strconv.FormatFloat(e.Float(), 'g', -1, 64)
	case ExprString:
		return "'" + e.Str + "'"
	case ExprAttr:
		return pyText(e.X) + "." + e.Name
	case ExprTuple, ExprList:
		var parts []string
		for _, x := range e.Items {
			parts = append(parts, pyText(x))
		}
		if e.Kind == ExprList {
			return "[" + strings.Join(parts, ", ") + "]"
		}
		if len(parts) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	case ExprCall:
		var parts []string
		for _, x := range e.Items {
			parts = append(parts, pyText(x))
		}
		for _, k := range e.Kwargs {
			parts = append(parts, k.Name+"="+pyText(k.Value))
		}
		return pyText(e.X) + "(" + strings.Join(parts, ", ") + ")"
	}
	return "?"
}
