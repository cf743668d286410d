package views

import "github.com/ruydad/ruydad/internal/jalali"

func faCount(n int) string { return jalali.FaNum(n) }

func ariaInvalid(errs map[string]string, field string) string {
	if errs[field] != "" {
		return "true"
	}
	return "false"
}

// boolAttr is "true" or "false", for aria-* attributes.
func boolAttr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
