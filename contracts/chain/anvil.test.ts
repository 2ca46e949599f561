import { createConnection } from 'node:net';
import { JsonRpcProvider, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { ANVIL_CHAIN_ID, startAnvil } from './anvil';

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startAnvil', () => {
  it('hands out the private keys of the accounts the chain funded, and frees its port on stop', async () => {
    const chain = await startAnvil();
    const provider = new JsonRpcProvider(chain.rpcUrl, ANVIL_CHAIN_ID, { staticNetwork: true });
    try {
      const funded: string[] = await provider.send('eth_accounts', []);
      expect(chain.accounts).toHaveLength(10);
      expect(chain.accounts.map((key) => new Wallet(key).address.toLowerCase())).toEqual(
        funded.map((address) => address.toLowerCase()),
      );
      expect(await provider.getBalance(new Wallet(chain.accounts[0]!).address)).toBeGreaterThan(0n);
    } finally {
      provider.destroy();
      await chain.stop();
    }
    const port = Number(new URL(chain.rpcUrl).port);
    expect(await portIsOpen(port)).toBe(false);
    await chain.stop();
  });

  it('runs two chains side by side on different ports', async () => {
    const [first, second] = await Promise.all([
      startAnvil({ accountCount: 2 }),
      startAnvil({ accountCount: 2 }),
    ]);
    try {
      expect(first.rpcUrl).not.toBe(second.rpcUrl);
      expect(first.accounts).toEqual(second.accounts);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it("fails with anvil's own words when the port is taken", async () => {
    const first = await startAnvil();
    try {
      const port = Number(new URL(first.rpcUrl).port);
      await expect(startAnvil({ port })).rejects.toThrow(
        /anvil exited before listening[\s\S]*(in use|bind)/i,
      );
    } finally {
      await first.stop();
    }
  });
});
