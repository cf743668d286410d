package views

import "github.com/ruydad/ruydad/internal/jalali"

func faCount(n int) string { return jalali.FaNum(n) }

func ariaInvalid(errs map[string]string, field string) string {
	if errs[field] != "" {
		return "true"
	}
	return "false"
}
