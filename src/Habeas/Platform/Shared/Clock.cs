namespace Habeas.Platform.Shared;

/// <summary>
/// Days read from the one clock: the <see cref="TimeProvider"/> the host registers, which tests replace with a fake
/// one to move time instead of waiting for it.
/// </summary>
public static class Clock
{
    /// <summary>Today in UTC, the calendar every stored date and custody status is counted in.</summary>
    public static DateOnly Today(this TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }
}
