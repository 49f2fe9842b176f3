using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using NSec.Cryptography;
using IncrementalHash = System.Security.Cryptography.IncrementalHash;

namespace TuiChat.Client.Core.Encryption;

/// <summary>
/// A file for a direct conversation, encrypted chunk by chunk with XChaCha20-Poly1305 under a
/// fresh random key. Each chunk's nonce is a random 16-byte prefix and the chunk's index; the
/// associated data holds the index and whether it is the last chunk, so chunks cannot be
/// reordered, dropped or cut off. Every encrypted chunk fits one protocol chunk (64 KiB). The
/// server stores and checks the SHA-256 of the ciphertext only; the key, the real name, size and
/// plaintext SHA-256 travel in a sealed direct message (<see cref="FileSecret"/>).
/// </summary>
public static class EncryptedFile
{
    /// <summary>The name the server sees for every encrypted file.</summary>
    public const string WireName = "encrypted.e2e";

    public const int PlainChunkBytes = 64 * 1024 - SealedEnvelope.TagBytes;

    private const int PrefixBytes = 16;
    private static readonly AeadAlgorithm Aead = AeadAlgorithm.XChaCha20Poly1305;
    private static readonly byte[] Context = "tuichat-e2e-file-v1"u8.ToArray();

    /// <summary>
    /// Encrypts <paramref name="source"/> into <c>encrypted.e2e</c> in a new owner-only folder
    /// under <paramref name="scratch"/>; returns its path and the secret (without a file id yet).
    /// </summary>
    public static async Task<(string CipherPath, FileSecret Secret)> EncryptAsync(string source, string scratch, CancellationToken cancellationToken = default)
    {
        string folder = Path.Combine(scratch, "tuichat-upload-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        string cipherPath = Path.Combine(folder, WireName);
        byte[] rawKey = RandomNumberGenerator.GetBytes(Aead.KeySize);
        byte[] prefix = RandomNumberGenerator.GetBytes(PrefixBytes);
        using Key key = Key.Import(Aead, rawKey, KeyBlobFormat.RawSymmetricKey);
        using var plainHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        FileStream input = File.OpenRead(source);
        await using (input.ConfigureAwait(false))
        {
            FileStream output = new(cipherPath, FileMode.CreateNew, FileAccess.Write);
            await using (output.ConfigureAwait(false))
            {
                byte[] chunk = new byte[PlainChunkBytes];
                byte[] next = new byte[PlainChunkBytes];
                int length = await ReadFullAsync(input, chunk, cancellationToken).ConfigureAwait(false);
                for (long index = 0; ; index++)
                {
                    int nextLength = length == PlainChunkBytes ? await ReadFullAsync(input, next, cancellationToken).ConfigureAwait(false) : 0;
                    bool last = nextLength == 0;
                    plainHash.AppendData(chunk, 0, length);
                    size += length;
                    byte[] sealedChunk = Aead.Encrypt(key, Nonce(prefix, index), AssociatedData(index, last), chunk.AsSpan(0, length));
                    await output.WriteAsync(sealedChunk, cancellationToken).ConfigureAwait(false);
                    if (last)
                    {
                        break;
                    }
                    (chunk, next) = (next, chunk);
                    length = nextLength;
                }
            }
        }
        string name = Path.GetFileName(source);
        return (cipherPath, new FileSecret("", rawKey, prefix, name, size, Convert.ToHexStringLower(plainHash.GetHashAndReset())));
    }

    /// <summary>
    /// Decrypts <paramref name="cipherPath"/> into <paramref name="destination"/> (created new) and
    /// checks size and plaintext SHA-256. Throws <see cref="EnvelopeException"/> (and deletes the
    /// destination) when any chunk was changed, reordered, dropped or added.
    /// </summary>
    public static async Task DecryptAsync(string cipherPath, FileSecret secret, string destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        using Key key = Key.Import(Aead, secret.Key, KeyBlobFormat.RawSymmetricKey);
        using var plainHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            long size = 0;
            FileStream input = File.OpenRead(cipherPath);
            await using (input.ConfigureAwait(false))
            {
                FileStream output = new(destination, FileMode.CreateNew, FileAccess.Write);
                await using (output.ConfigureAwait(false))
                {
                    const int sealedChunkBytes = PlainChunkBytes + SealedEnvelope.TagBytes;
                    long remaining = input.Length;
                    byte[] chunk = new byte[sealedChunkBytes];
                    for (long index = 0; remaining > 0; index++)
                    {
                        int length = (int)Math.Min(sealedChunkBytes, remaining);
                        await input.ReadExactlyAsync(chunk.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                        remaining -= length;
                        byte[] plain = Aead.Decrypt(key, Nonce(secret.NoncePrefix, index), AssociatedData(index, remaining == 0), chunk.AsSpan(0, length))
                            ?? throw new EnvelopeException($"chunk {index} of {secret.Name} was changed, reordered or cut off");
                        plainHash.AppendData(plain);
                        size += plain.Length;
                        await output.WriteAsync(plain, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            string sha256 = Convert.ToHexStringLower(plainHash.GetHashAndReset());
            if (size != secret.Size || sha256 != secret.Sha256)
            {
                throw new EnvelopeException($"{secret.Name} decrypted to other content than its sender announced (size or SHA-256)");
            }
        }
        catch
        {
            File.Delete(destination);
            throw;
        }
    }

    private static async Task<int> ReadFullAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken) =>
        await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);

    private static byte[] Nonce(byte[] prefix, long index)
    {
        byte[] nonce = new byte[PrefixBytes + 8];
        prefix.CopyTo(nonce, 0);
        BinaryPrimitives.WriteInt64BigEndian(nonce.AsSpan(PrefixBytes), index);
        return nonce;
    }

    private static byte[] AssociatedData(long index, bool last)
    {
        byte[] data = new byte[Context.Length + 9];
        Context.CopyTo(data, 0);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(Context.Length), index);
        data[^1] = last ? (byte)1 : (byte)0;
        return data;
    }
}

/// <summary>
/// What the receiver of an encrypted file needs, sent to it inside a sealed direct message:
/// "tuichat-e2e-file-v1 fileId key prefix sha256 size name".
/// </summary>
public sealed record FileSecret(string FileId, byte[] Key, byte[] NoncePrefix, string Name, long Size, string Sha256)
{
    private const string Marker = "tuichat-e2e-file-v1 ";

    public string ToText() =>
        Marker + string.Join(' ', FileId, Convert.ToBase64String(Key), Convert.ToBase64String(NoncePrefix), Sha256,
            Size.ToString(CultureInfo.InvariantCulture), Name);

    /// <summary>Reads a decrypted message that announces a file; null for ordinary text.</summary>
    public static FileSecret? TryParse(string text)
    {
        if (!text.StartsWith(Marker, StringComparison.Ordinal))
        {
            return null;
        }
        string[] parts = text[Marker.Length..].Split(' ', 6);
        try
        {
            return parts.Length == 6 && long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out long size)
                ? new FileSecret(parts[0], Convert.FromBase64String(parts[1]), Convert.FromBase64String(parts[2]), parts[5], size, parts[3])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
