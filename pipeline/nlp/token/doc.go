// Package token splits Indonesian text into tokens and sentences with byte
// offsets, and normalises words as they are written online and in the news:
// informal spellings (gak, nggak, bgt, gue), clitics (-nya, -lah, -kah, -pun),
// reduplication (kue-kue) and repeated letters (bagusss).
package token
