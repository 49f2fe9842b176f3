using System.Collections.Concurrent;
using System.Security.Cryptography;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// File transfers (PROTOCOL.md section 6): uploads in 64 KiB chunks that complete on the server's
/// <c>file</c> event, downloads written as their chunks arrive on the reader thread.
/// </summary>
internal sealed class FileTransferClient(IRequestChannel channel, TimeProvider time)
{
    /// <summary>How long the server may take to check and store an upload after its last chunk.</summary>
    private static readonly TimeSpan UploadVerdictTimeout = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, PendingUpload> _uploads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingDownload> _downloads = new(StringComparer.Ordinal);

    public async Task<FileEvent> UploadAsync(string target, string path, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(path);
        if (!NameRules.TryValidateFileName(name, out string nameError))
        {
            throw new ChatRequestException(ErrorCodes.FileInvalid, nameError);
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            long size = file.Length;
            // The digest goes in file.put, before the first chunk: one pass to hash, one to send.
            string sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
            file.Position = 0;

            FilePutOk put = await channel.RequestAsync<FilePutOk>(
                new FilePutRequest { To = target, Name = name, Size = size, Sha256 = sha256 }, cancellationToken).ConfigureAwait(false);
            var upload = new PendingUpload();
            _uploads[put.FileId] = upload;
            try
            {
                byte[] buffer = new byte[ProtocolLimits.MaxChunkBytes];
                long sent = 0;
                for (long seq = 0; sent < size; seq++)
                {
                    int read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new IOException($"{name} got shorter while it was being sent");
                    }
                    var chunk = new FileChunk { FileId = put.FileId, Seq = seq, Data = buffer.AsSpan(0, read).ToArray() };
                    // The server may answer the last chunk before the send returns: mark the
                    // upload as waiting for its verdict first, or that answer finds no taker.
                    upload.Sent = sent + read >= size;
                    await channel.SendAsync(chunk, cancellationToken).ConfigureAwait(false);
                    sent += read;
                    progress?.Report(new TransferProgress(sent, size));
                }
                return await upload.Verdict.Task.WaitAsync(UploadVerdictTimeout, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                throw new ChatRequestException(ErrorCodes.FileCorrupt, $"the server did not confirm {name}", e);
            }
            finally
            {
                _uploads.TryRemove(put.FileId, out _);
            }
        }
    }

    public async Task<FileGetOk> DownloadAsync(string fileId, Stream destination, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var download = new PendingDownload(destination, progress);
        if (!_downloads.TryAdd(fileId, download))
        {
            throw new ChatRequestException(ErrorCodes.NotAllowed, $"{fileId} is already being downloaded");
        }
        try
        {
            // Registered before the request: chunks may follow the reply at once.
            FileGetOk ok = await channel.RequestAsync<FileGetOk>(new FileGetRequest { FileId = fileId }, cancellationToken).ConfigureAwait(false);
            download.Total = ok.Size;
            await download.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (download.Received != ok.Size)
            {
                throw new ChatRequestException(ErrorCodes.FileCorrupt,
                    $"{fileId}: received {download.Received} bytes, the server announced {ok.Size}");
            }
            return ok;
        }
        finally
        {
            _downloads.TryRemove(fileId, out _);
        }
    }

    /// <summary>The server stored an upload (reader thread).</summary>
    public void OnFileStored(FileEvent file)
    {
        if (_uploads.TryGetValue(file.FileId, out PendingUpload? upload))
        {
            upload.Verdict.TrySetResult(file);
        }
    }

    /// <summary>
    /// An <c>error</c> without <c>re</c> (reader thread). <c>file_corrupt</c> names no file, so it
    /// fails the uploads that have sent their last chunk and wait for the server's verdict.
    /// </summary>
    public void OnUnsolicitedError(ErrorReply error)
    {
        if (error.Code is not (ErrorCodes.FileCorrupt or ErrorCodes.FileInvalid or ErrorCodes.FileTooLarge or ErrorCodes.QuotaExceeded))
        {
            return;
        }
        foreach (PendingUpload upload in _uploads.Values)
        {
            if (upload.Sent)
            {
                upload.Verdict.TrySetException(new ChatRequestException(error.Code, error.Message));
            }
        }
    }

    public void OnChunk(FileChunk chunk)
    {
        if (!_downloads.TryGetValue(chunk.FileId, out PendingDownload? download) || download.Done.Task.IsCompleted)
        {
            return;
        }
        if (chunk.Seq != download.NextSeq)
        {
            download.Done.TrySetException(new ChatRequestException(ErrorCodes.FileCorrupt,
                $"{chunk.FileId}: chunk {chunk.Seq} arrived where {download.NextSeq} was expected"));
            return;
        }
        try
        {
            download.Destination.Write(chunk.Data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            download.Done.TrySetException(e);
            return;
        }
        download.NextSeq++;
        download.Received += chunk.Data.Length;
        download.Progress?.Report(new TransferProgress(download.Received, Math.Max(download.Total, download.Received)));
    }

    public void OnEnd(string fileId)
    {
        if (_downloads.TryGetValue(fileId, out PendingDownload? download))
        {
            download.Done.TrySetResult();
        }
    }

    /// <summary>The session ended: every transfer in progress fails.</summary>
    public void FailAll(string reason)
    {
        var lost = new ChatRequestException(ChatRequestException.Disconnected, "the connection was lost: " + reason);
        foreach (PendingUpload upload in _uploads.Values)
        {
            upload.Verdict.TrySetException(lost);
        }
        foreach (PendingDownload download in _downloads.Values)
        {
            download.Done.TrySetException(lost);
        }
    }

    private sealed class PendingUpload
    {
        public TaskCompletionSource<FileEvent> Verdict { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The last chunk is going out; only the server's verdict is missing.</summary>
        public volatile bool Sent;
    }

    /// <summary>A download in progress; its fields after construction are touched only by the reader thread.</summary>
    private sealed class PendingDownload(Stream destination, IProgress<TransferProgress>? progress)
    {
        public Stream Destination { get; } = destination;
        public IProgress<TransferProgress>? Progress { get; } = progress;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public long NextSeq { get; set; }
        public long Received { get; set; }
        public long Total { get; set; }
    }
}
