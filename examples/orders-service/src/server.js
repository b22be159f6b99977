const express = require('express');
const session = require('express-session');
const mongoose = require('mongoose');
const Stripe = require('stripe');
const logger = require('./logger');

const app = express();
const stripe = new Stripe('sk_live_51HxExampleOnlyNotARealKey9Zq7Tb');

mongoose.connect('mongodb://orders-db.internal:27017/orders');

app.use(session({ secret: 'orders-session-secret-2024' }));

app.post('/orders', express.json(), async (req, res) => {
  const charge = await stripe.charges.create({ amount: req.body.amount, currency: 'eur' });
  logger.info('order charged', { id: charge.id });
  res.status(201).json({ id: charge.id });
});

app.listen(8080, () => logger.info('orders-service listening'));
