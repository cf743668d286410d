package ical

import (
	"errors"
	"testing"
)

func TestWindowBounds(t *testing.T) {
	// testNow is in 1403.
	tests := []struct {
		from, to         int
		wantFrom, wantTo int
		bad              bool
	}{
		{0, 0, 1398, 1413, false},
		{1400, 1410, 1400, 1410, false},
		{1400, 0, 1400, 1413, false},
		{0, 1405, 1398, 1405, false},
		{1403, 1403, 1403, 1403, false},
		{1380, 1429, 1380, 1429, false},
		{1380, 1430, 0, 0, true}, // 51 years
		{1410, 1400, 0, 0, true},
		{1420, 0, 0, 0, true}, // after the default last year
		{999, 1010, 0, 0, true},
		{2990, 3001, 0, 0, true},
		{-5, 1400, 0, 0, true},
	}
	for _, tt := range tests {
		from, to, err := Window(testNow, tt.from, tt.to)
		if tt.bad {
			if !errors.Is(err, ErrWindow) {
				t.Errorf("Window(%d, %d) = %d, %d, %v; want ErrWindow", tt.from, tt.to, from, to, err)
			}
			continue
		}
		if err != nil || from != tt.wantFrom || to != tt.wantTo {
			t.Errorf("Window(%d, %d) = %d, %d, %v; want %d, %d", tt.from, tt.to, from, to, err, tt.wantFrom, tt.wantTo)
		}
	}
}
