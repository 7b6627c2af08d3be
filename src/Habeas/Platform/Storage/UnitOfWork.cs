using Microsoft.EntityFrameworkCore.Storage;

namespace Habeas.Platform.Storage;

/// <summary>See <see cref="HabeasDb.BeginWorkAsync"/>. Disposed without <see cref="CompleteAsync"/>, its own transaction rolls
/// back.</summary>
public sealed class UnitOfWork(HabeasDb db, IDbContextTransaction? own) : IAsyncDisposable
{
    public Task CompleteAsync(CancellationToken cancellationToken) =>
        own is null ? Task.CompletedTask : db.CommitAsync(own, cancellationToken);

    public ValueTask DisposeAsync() => own?.DisposeAsync() ?? ValueTask.CompletedTask;
}
