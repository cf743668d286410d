package domain

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/ruydad/ruydad/internal/jalali"
)

// checkValidation fails t unless err is nil when want is, or else a
// ValidationError with exactly want's field errors, in any order.
func checkValidation(t *testing.T, err error, want ValidationError) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("error %v (%#v), want nil", err, err)
		}
		return
	}
	var got ValidationError
	if !errors.As(err, &got) {
		t.Fatalf("error %v (%T), want a ValidationError %v", err, err, want)
	}
	byField := func(a, b FieldError) int { return strings.Compare(string(a.Field), string(b.Field)) }
	got, want = slices.SortedFunc(slices.Values(got), byField), slices.SortedFunc(slices.Values(want), byField)
	if !slices.Equal(got, want) {
		t.Errorf("errors\n got %+v\nwant %+v", got, want)
	}
}

// one is a ValidationError of one field error without parameters.
func one(f Field, c Code) ValidationError { return ValidationError{fieldError(f, c)} }

// editCase is a table case of a Validate method: an edit of a valid value
// and the errors wanted (nil: still valid).
type editCase[T any] struct {
	name string
	edit func(*T)
	want ValidationError
}

// runEditCases runs each case on a copy of valid.
func runEditCases[T any](t *testing.T, valid T, validate func(T) error, cases []editCase[T]) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := valid
			tc.edit(&v)
			checkValidation(t, validate(v), tc.want)
		})
	}
}

// isPersian reports whether s is non-empty text in the Arabic script (with
// spaces and ZWNJs between words).
func isPersian(s string) bool {
	if strings.TrimSpace(s) == "" {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Arabic, r) && r != ' ' && r != '\u200c' {
			return false
		}
	}
	return true
}

func TestValidationErrorListsFieldsSorted(t *testing.T) {
	title, kind := fieldError(FieldTitle, CodeTitleMissing), fieldError(FieldKind, CodeKindUnknown)
	end, start := fieldError(FieldEnd, CodeEndBeforeStart), fieldError(FieldStart, CodeStartInvalid)
	startTime, endTime := fieldError(FieldStartTime, CodeStartTimeFormat), fieldError(FieldEndTime, CodeEndTimeFormat)
	tests := []struct {
		v    ValidationError
		want string
	}{
		{ValidationError{title}, "invalid title (title_missing)"},
		{ValidationError{title, end, kind}, "invalid end (end_before_start), kind (kind_unknown), title (title_missing)"},
		{ValidationError{startTime, start, endTime, end},
			"invalid end (end_before_start), end_time (end_time_format), start (start_invalid), start_time (start_time_format)"},
	}
	for _, tt := range tests {
		if got := tt.v.Error(); got != tt.want {
			t.Errorf("%v.Error() = %q, want %q", tt.v, got, tt.want)
		}
		// Wrapped, as storage returns it, it is still found.
		var got ValidationError
		if err := fmt.Errorf("create event: %w", tt.v); !errors.As(err, &got) || !slices.Equal(got, tt.v) {
			t.Errorf("errors.As(wrapped %v) = %v", tt.v, got)
		}
	}
}

// TestValidationErrorOneAFieldError: Set replaces a field's error, Add
// keeps the first; either way a field has one error, and an empty
// ValidationError is no error.
func TestValidationErrorOneAFieldError(t *testing.T) {
	var v ValidationError
	if v.Err() != nil || v.Has(FieldEnd) {
		t.Fatalf("empty: Err() = %v, Has(end) = %v", v.Err(), v.Has(FieldEnd))
	}
	v.Set(fieldError(FieldEnd, CodeEndInvalid))
	v.Set(fieldError(FieldTitle, CodeTitleMissing))
	v.Set(fieldError(FieldEnd, CodeEndBeforeStart))
	v.Add(fieldError(FieldEnd, CodeLongerThanAYear))
	v.Add(fieldError(FieldKind, CodeKindUnknown))
	want := ValidationError{fieldError(FieldEnd, CodeEndBeforeStart), fieldError(FieldTitle, CodeTitleMissing),
		fieldError(FieldKind, CodeKindUnknown)}
	if !slices.Equal(v, want) || v.Err() == nil {
		t.Errorf("got %v, want %v", v, want)
	}
	if e, ok := v.Get(FieldEnd); !ok || e.Code != CodeEndBeforeStart {
		t.Errorf("Get(end) = %v, %v", e, ok)
	}
	if _, ok := v.Get(FieldStart); ok {
		t.Errorf("Get(start) found an error")
	}
}

func TestKindsAreValidWithPersianLabels(t *testing.T) {
	if len(Kinds) != 12 {
		t.Errorf("len(Kinds) = %d, want 12", len(Kinds))
	}
	seen := map[Kind]bool{}
	labels := map[string]Kind{}
	for _, k := range Kinds {
		if seen[k] {
			t.Errorf("kind %q listed twice", k)
		}
		seen[k] = true
		if !k.Valid() {
			t.Errorf("Kind(%q).Valid() = false", k)
		}
		l := k.Label()
		if !isPersian(l) {
			t.Errorf("Kind(%q).Label() = %q, want Persian text", k, l)
		}
		if other, dup := labels[l]; dup {
			t.Errorf("kinds %q and %q share the label %q", k, other, l)
		}
		labels[l] = k
	}
	for k, want := range map[Kind]string{KindOccasion: "مناسبت", KindPressConference: "نشست خبری", KindOther: "سایر"} {
		if got := k.Label(); got != want {
			t.Errorf("Kind(%q).Label() = %q, want %q", k, got, want)
		}
	}
	for _, k := range []Kind{"", "party", "Meeting", "press-conference"} {
		if k.Valid() || k.Label() != "" {
			t.Errorf("Kind(%q): Valid() = %v, Label() = %q; want false, \"\"", k, k.Valid(), k.Label())
		}
	}
}

func TestStatusLabels(t *testing.T) {
	tests := []struct {
		s     Status
		valid bool
		label string
	}{
		{StatusProposed, true, "پیشنهادی"},
		{StatusConfirmed, true, "تأییدشده"},
		{StatusRejected, true, "ردشده"},
		{"", false, ""},
		{"Confirmed", false, ""},
		{"deleted", false, ""},
	}
	for _, tt := range tests {
		if got := tt.s.Valid(); got != tt.valid {
			t.Errorf("Status(%q).Valid() = %v, want %v", tt.s, got, tt.valid)
		}
		if got := tt.s.Label(); got != tt.label {
			t.Errorf("Status(%q).Label() = %q, want %q", tt.s, got, tt.label)
		}
		if tt.valid && !isPersian(tt.s.Label()) {
			t.Errorf("Status(%q).Label() = %q is not Persian", tt.s, tt.s.Label())
		}
	}
}

func TestArticleValidate(t *testing.T) {
	long := func(n int) string { return strings.Repeat("خ", n) }
	tests := []struct {
		name string
		a    Article
		want ValidationError
	}{
		{"text only", Article{Text: "همایش روابط عمومی برگزار شد."}, nil},
		{"all fields at their limits", Article{Text: "متن", Title: long(MaxTitle), Source: long(MaxShortField),
			Province: long(MaxShortField), Published: jalali.MustNew(1403, 12, 30)}, nil},
		{"largest text", Article{Text: strings.Repeat("a", MaxArticleBytes)}, nil},
		{"empty text", Article{Title: "عنوان"}, one(FieldText, CodeTextMissing)},
		{"blank text", Article{Text: " \n\t\u00a0"}, one(FieldText, CodeTextMissing)},
		{"text over 2 MiB", Article{Text: strings.Repeat("a", MaxArticleBytes+1)}, one(FieldText, CodeTextTooBig)},
		{"text not UTF-8", Article{Text: "همایش \xff\xfe"}, one(FieldText, CodeTextNotUTF8)},
		{"long title", Article{Text: "متن", Title: long(MaxTitle + 1)}, ValidationError{{Field: FieldTitle, Code: CodeTitleTooLong, Max: MaxTitle}}},
		{"long source", Article{Text: "متن", Source: long(MaxShortField + 1)}, ValidationError{{Field: FieldSource, Code: CodeSourceTooLong, Max: MaxShortField}}},
		{"long province", Article{Text: "متن", Province: long(MaxShortField + 1)}, ValidationError{{Field: FieldProvince, Code: CodeProvinceTooLong, Max: MaxShortField}}},
		{"30 Esfand of a common year", Article{Text: "متن", Published: jalali.Date{Year: 1404, Month: 12, Day: 30}},
			one(FieldPublished, CodePublishedInvalid)},
		{"everything wrong", Article{Title: long(301), Source: long(201), Province: long(201), Published: jalali.Date{Year: 1403, Month: 13, Day: 1}},
			ValidationError{fieldError(FieldText, CodeTextMissing), {Field: FieldTitle, Code: CodeTitleTooLong, Max: MaxTitle},
				{Field: FieldSource, Code: CodeSourceTooLong, Max: MaxShortField},
				{Field: FieldProvince, Code: CodeProvinceTooLong, Max: MaxShortField}, fieldError(FieldPublished, CodePublishedInvalid)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkValidation(t, tt.a.Validate(), tt.want) })
	}
}
