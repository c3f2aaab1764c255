package deliver

import (
	"fmt"
	"os"
	"strings"
)

// readSecret sets *dst from the file at path when path is set and *dst is
// empty (a value given directly wins).
func readSecret(dst *string, path, key string) error {
	if path == "" || *dst != "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("%s_file: %w", key, err)
	}
	*dst = strings.TrimSpace(string(b))
	if *dst == "" {
		return fmt.Errorf("%s_file %s is empty", key, path)
	}
	return nil
}
