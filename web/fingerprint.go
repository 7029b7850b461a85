package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// Every asset is published under a name that carries a hash of its content
// (styles.3f2a9c1b0d.css), so that a host may let browsers keep it for a
// year: a new build is new names, never a stale file under an old one.

var (
	fingerprintOnce sync.Once
	toHashed        map[string]string // "styles.css" → "styles.3f2a9c1b0d.css"
	fromHashed      map[string]string
)

func fingerprints() {
	toHashed, fromHashed = map[string]string{}, map[string]string{}
	_ = fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !Served(p) || path.Ext(p) == ".br" || path.Ext(p) == ".gz" {
			return err
		}
		b, err := fs.ReadFile(FS, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(p)
		hashed := strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		toHashed[p], fromHashed[hashed] = hashed, p
		return nil
	})
}

// Fingerprinted is the name an asset is published under; a name that is not
// an asset stays as it is.
func Fingerprinted(name string) string {
	fingerprintOnce.Do(fingerprints)
	if h, ok := toHashed[name]; ok {
		return h
	}
	return name
}

// Original is the asset a fingerprinted name stands for; false when name is
// not the fingerprinted name of an asset of this build.
func Original(name string) (string, bool) {
	fingerprintOnce.Do(fingerprints)
	o, ok := fromHashed[name]
	return o, ok
}
