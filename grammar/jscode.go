package grammar

func parseJS(lines []pyLine) *Program { return &Program{} }
