package layers

// Preprocessing layers: Normalization (the one with weights) and the weightless resizing,
// augmentation, lookup and encoding layers.

func init() {
	register(&Spec{Class: "Normalization", Family: "preprocessing", Explain: guard(explainNormalization)},
		&Spec{Class: "STFTSpectrogram", Family: "preprocessing",
			Explain: func(o *Obs) Verdict { return unknown("the STFT kernels depend on frame length and FFT size") }})
	for _, c := range []string{
		"Rescaling", "Resizing", "CenterCrop", "RandomCrop", "RandomFlip", "RandomRotation", "RandomZoom",
		"RandomTranslation", "RandomContrast", "RandomBrightness", "RandomHeight", "RandomWidth", "CategoryEncoding",
		"Hashing", "HashedCrossing", "StringLookup", "IntegerLookup", "TextVectorization", "Discretization",
		"RandomGrayscale", "RandomHue", "RandomSaturation", "RandomSharpness", "RandomShear", "RandomColorJitter",
		"RandomColorDegeneration", "RandomPosterization", "RandomInvert", "RandomErasing", "RandomGaussianBlur",
		"RandomElasticTransform", "RandomPerspective", "AutoContrast", "Equalization", "Solarization", "MixUp",
		"CutMix", "AugMix", "RandAugment", "MelSpectrogram", "Pipeline",
	} {
		register(&Spec{Class: c, Family: "preprocessing", Weightless: true, Explain: weightless(nil)})
	}
}

func normalizationFit(x int64) Fit {
	return Fit{Params: 2*x + 1, Config: "adapted (mean and variance learnt)",
		Weights:    []Weight{{Name: "mean", Shape: []int64{x}}, {Name: "variance", Shape: []int64{x}}, {Name: "count", Shape: []int64{}}},
		Derivation: Say("non-trainable: statistics from adapt(): ").Then("", Count(Add(lbl("mean", N(x)), lbl("variance", N(x)), lbl("count", N(1)))))}
}

func explainNormalization(o *Obs) Verdict {
	x := normShape(o)
	zero := Fit{Params: 0, Config: "mean and variance given", Derivation: Say("mean and variance passed in: no weights")}
	p, ok := pcount(o)
	cands := append(subsetProducts(x), 1)
	if len(cands) == 1 {
		if ok && (p == 0 || p%2 == 1) {
			if p == 0 {
				return okFit(zero)
			}
			return okFit(normalizationFit((p - 1) / 2))
		}
		return unknown("the features are not shown")
	}
	fits := []Fit{normalizationFit(cands[0]), zero}
	for _, c := range cands[1:] {
		fits = append(fits, normalizationFit(c))
	}
	return judge(o, "no Normalization on "+ShapeString(x)+" has "+numOr(o)+" weights (2 × features + 1, or 0)", fits...)
}
