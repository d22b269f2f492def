export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfiguration } = await import("./server/check-configuration");
    await checkConfiguration();
  }
}
