namespace Wisp.Crypto.Aead;

/// <summary>The length checks every AEAD here makes, with messages that name the parameter.</summary>
internal static class AeadArguments
{
    public static void CheckKeyAndNonce(ReadOnlySpan<byte> key, int keyBytes, ReadOnlySpan<byte> nonce, int nonceBytes, string algorithm)
    {
        if (key.Length != keyBytes)
            throw new ArgumentException($"An {algorithm} key is {keyBytes} bytes; got {key.Length}.", nameof(key));
        if (nonce.Length != nonceBytes)
            throw new ArgumentException($"An {algorithm} nonce is {nonceBytes} bytes; got {nonce.Length}.", nameof(nonce));
    }

    public static void CheckCiphertextOutput(int plaintextLength, int ciphertextLength, int tagBytes)
    {
        if (ciphertextLength != plaintextLength + tagBytes)
            throw new ArgumentException(
                $"The ciphertext buffer must be the plaintext length plus {tagBytes} ({plaintextLength + tagBytes} bytes); got {ciphertextLength}.",
                "ciphertext");
    }

    public static void CheckPlaintextOutput(int ciphertextLength, int plaintextLength, int tagBytes)
    {
        if (plaintextLength != ciphertextLength - tagBytes)
            throw new ArgumentException(
                $"The plaintext buffer must be the ciphertext length minus {tagBytes} ({ciphertextLength - tagBytes} bytes); got {plaintextLength}.",
                "plaintext");
    }
}
