import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../src/routers/index';

type Outputs = inferRouterOutputs<AppRouter>;

/** One page of the fan's receipts (`payments.mine`), newest first. */
export type ReceiptPage = Outputs['payments']['mine'];
/** One of the fan's payments: the creator, what it paid for, amounts in minor units as digits, its status. */
export type Receipt = ReceiptPage['receipts'][number];
export type ReceiptStatus = Receipt['status'];
export type ReceiptPurchase = Receipt['purchase'];
/** One receipt with the ledger's lines (`payments.receipt`). */
export type ReceiptDetail = Outputs['payments']['receipt'];
export type ReceiptLine = ReceiptDetail['lines'][number];
