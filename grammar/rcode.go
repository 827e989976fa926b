package grammar

func parseR(lines []pyLine) *Program { return &Program{} }
