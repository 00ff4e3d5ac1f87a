# cryptosk: AES-256-CBC, key = SHA-256 of a password, IV 00 01 .. 0f,
# text zero-padded to whole 16-byte blocks; checked against openssl.

# openssl_aes PASSWORD TEXT: the same encryption by openssl, in hex.
openssl_aes() {
	local key pad
	key=$(printf '%s' "$1" | sha256sum | cut -c1-64)
	pad=$(((16 - ${#2} % 16) % 16))
	{ printf '%s' "$2"; head -c $pad /dev/zero; } |
		openssl enc -aes-256-cbc -nopad -K "$key" -iv 000102030405060708090a0b0c0d0e0f |
		od -A n -v -t x1 | tr -d ' \n'
	echo
}

load cryptosk
klog
run openssl_aes 'kplay password' 'Attack at dawn, bring snacks.'
unload cryptosk
# Another password, and a text of exactly one block: no padding.
load cryptosk password=secret text=sixteen_bytes_ok
unload cryptosk
klog
run openssl_aes secret sixteen_bytes_ok
# Too long a text: the module refuses it.
load cryptosk text=0123456789012345678901234567890123456789012345678901234567890123456789
klog
