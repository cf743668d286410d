package sqlite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestNoBareLimits checks that no statement of the package gives its
// LIMIT as a bare parameter, which SQLite plans again on every run (see
// limit.go): every string of its code that writes LIMIT is followed by a
// number, +? or nothing (the number is written after it).
func TestNoBareLimits(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	bare := regexp.MustCompile(`(?i)\bLIMIT\s*\(?\s*[?:@$]`)
	fset := token.NewFileSet()
	seen := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatalf("%s: %v", fset.Position(lit.Pos()), err)
			}
			if strings.Contains(strings.ToUpper(s), "LIMIT") {
				seen++
			}
			if bare.MatchString(s) {
				t.Errorf("%s: a bare LIMIT parameter (use limitSQL or limitArg): %q", fset.Position(lit.Pos()), s)
			}
			return true
		})
	}
	if seen < 5 {
		t.Fatalf("found %d strings writing LIMIT: the walk missed the package's statements", seen)
	}
	// The pattern holds what it must catch.
	for _, s := range []string{"ORDER BY x LIMIT ?", "LIMIT ? OFFSET ?", "limit ?1", "LIMIT (?)"} {
		if !bare.MatchString(s) {
			t.Errorf("the check misses %q", s)
		}
	}
	for _, s := range []string{limitSQL(21), limitArg + " OFFSET ?", "LIMIT 1 OFFSET ? - 1"} {
		if bare.MatchString(s) {
			t.Errorf("the check refuses %q", s)
		}
	}
}
