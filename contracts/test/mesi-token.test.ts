import { Interface, isError, JsonRpcProvider, parseUnits, Signature, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_CHAIN_ID, type LocalChain, startAnvil } from '../chain/anvil';
import { type MesiToken, MesiToken__factory, mesiTokenAbi, mesiTokenBytecode } from '../generated';

// Real chain: a fresh anvil node, the committed ABI and bytecode, ethers v6 signing real transactions.
const tokenInterface = new Interface(mesiTokenAbi);
const MESI = (amount: string) => parseUnits(amount, 18);

let chain: LocalChain;
let provider: JsonRpcProvider;
let owner: Wallet;
let alice: Wallet;
let bob: Wallet;

beforeAll(async () => {
  chain = await startAnvil();
  provider = new JsonRpcProvider(chain.rpcUrl, ANVIL_CHAIN_ID, {
    staticNetwork: true,
    pollingInterval: 20,
    // ethers caches identical calls for 250 ms; on an automining chain that hands out a used nonce.
    cacheTimeout: -1,
  });
  const [ownerKey, aliceKey, bobKey] = chain.accounts;
  owner = new Wallet(ownerKey!, provider);
  alice = new Wallet(aliceKey!, provider);
  bob = new Wallet(bobKey!, provider);
});

afterAll(async () => {
  provider?.destroy();
  await chain?.stop();
});

/** A fresh token per test, so no test depends on another's balances. */
async function deployToken(): Promise<MesiToken> {
  const factory = new MesiToken__factory(owner);
  expect(factory.bytecode).toBe(mesiTokenBytecode);
  const token = await factory.deploy(owner.address);
  await token.waitForDeployment();
  return token;
}

/** The custom error a transaction reverted with, decoded by name through the token's ABI. */
async function revertOf(pending: Promise<unknown>): Promise<{ name: string; args: unknown[] }> {
  try {
    await pending;
  } catch (error) {
    if (!isError(error, 'CALL_EXCEPTION') || !error.data) throw error;
    const decoded = tokenInterface.parseError(error.data);
    if (!decoded) throw new Error(`revert data ${error.data} is not an error of MesiToken`);
    return { name: decoded.name, args: [...decoded.args] };
  }
  throw new Error('expected the transaction to revert, but it succeeded');
}

describe('MesiToken ($MESI)', () => {
  it('deploys as "Mesi"/"MESI" with 18 decimals, no supply and the given owner', async () => {
    const token = await deployToken();
    expect(await token.name()).toBe('Mesi');
    expect(await token.symbol()).toBe('MESI');
    expect(await token.decimals()).toBe(18n);
    expect(await token.totalSupply()).toBe(0n);
    expect(await token.owner()).toBe(owner.address);
    expect(await token.cap()).toBe(MESI('1000000000'));
  });

  it('lets the owner mint and holders transfer, moving exactly the amounts sent', async () => {
    const token = await deployToken();
    await (await token.mint(alice.address, MESI('100'))).wait();
    await (await token.connect(alice).transfer(bob.address, MESI('30.5'))).wait();

    expect(await token.balanceOf(alice.address)).toBe(MESI('69.5'));
    expect(await token.balanceOf(bob.address)).toBe(MESI('30.5'));
    expect(await token.totalSupply()).toBe(MESI('100'));
  });

  it('refuses a mint by anyone but the owner, with OwnableUnauthorizedAccount, and mints nothing', async () => {
    const token = await deployToken();
    const revert = await revertOf(token.connect(alice).mint(alice.address, MESI('1')));

    expect(revert).toEqual({ name: 'OwnableUnauthorizedAccount', args: [alice.address] });
    expect(await token.totalSupply()).toBe(0n);
  });

  it('refuses a transfer larger than the balance and leaves both balances as they were', async () => {
    const token = await deployToken();
    await (await token.mint(alice.address, MESI('5'))).wait();
    const revert = await revertOf(token.connect(alice).transfer(bob.address, MESI('5.000000000000000001')));

    expect(revert.name).toBe('ERC20InsufficientBalance');
    expect(await token.balanceOf(alice.address)).toBe(MESI('5'));
    expect(await token.balanceOf(bob.address)).toBe(0n);
  });

  it('never mints past the cap of one billion MESI', async () => {
    const token = await deployToken();
    const cap = await token.MAX_SUPPLY();
    await (await token.mint(alice.address, cap)).wait();
    const revert = await revertOf(token.mint(bob.address, 1n));

    expect(revert).toEqual({ name: 'ERC20ExceededCap', args: [cap + 1n, cap] });
    expect(await token.totalSupply()).toBe(cap);
  });

  it('accepts a signed permit once, so a spender can pull funds without an approve transaction', async () => {
    const token = await deployToken();
    await (await token.mint(alice.address, MESI('10'))).wait();
    const value = MESI('4');
    const latest = await provider.getBlock('latest');
    const deadline = BigInt(latest!.timestamp) + 3_600n;
    const domain = {
      name: 'Mesi',
      version: '1',
      chainId: ANVIL_CHAIN_ID,
      verifyingContract: await token.getAddress(),
    };
    const types = {
      Permit: [
        { name: 'owner', type: 'address' },
        { name: 'spender', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    };
    const message = {
      owner: alice.address,
      spender: bob.address,
      value,
      nonce: await token.nonces(alice.address),
      deadline,
    };
    const { v, r, s } = Signature.from(await alice.signTypedData(domain, types, message));

    // Bob submits Alice's signature and pays the gas; Alice sends no transaction.
    await (await token.connect(bob).permit(alice.address, bob.address, value, deadline, v, r, s)).wait();
    await (await token.connect(bob).transferFrom(alice.address, bob.address, value)).wait();
    expect(await token.balanceOf(bob.address)).toBe(value);
    expect(await token.balanceOf(alice.address)).toBe(MESI('6'));

    const replay = await revertOf(
      token.connect(bob).permit(alice.address, bob.address, value, deadline, v, r, s),
    );
    expect(replay.name).toBe('ERC2612InvalidSigner');
  });
});
